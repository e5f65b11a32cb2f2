# Qdrant Vigil. The two commands a newcomer needs: `make demo` and `make test`.
SHELL := /bin/bash
MVN := ./mvnw -B -q

.PHONY: test build crds demo tools demo-fault demo-heal bench bench-process image clean
CONTROL := http://127.0.0.1:7333

## test: build the sandbox's Kubernetes tools if missing, then every test (unit, mock API, real apiserver)
test: tools
	./mvnw -B verify

## build: the operator jar (operator/target/qdrant-vigil-operator.jar), tests skipped
build:
	$(MVN) -DskipTests package

## crds: regenerate crds/ from the Java classes
crds:
	$(MVN) -DskipTests -Dvigil.crds.update=true package

## demo: the sandbox (real kube-apiserver + 3 simulated Qdrant nodes as StatefulSet pods) and the real operator jar
demo: tools build
	./mvnw -B -q -pl sandbox dependency:build-classpath -Dmdep.outputFile=target/demo.classpath
	java -cp "sandbox/target/classes:$$(cat sandbox/target/demo.classpath)" io.qdrantvigil.sandbox.demo.DemoMain \
		operator/target/qdrant-vigil-operator.jar $(CURDIR)

## demo-fault: break a simulated node of a running demo, e.g. make demo-fault NODE=1 FAULT=HUNG
demo-fault:
	@test -n "$(NODE)" -a -n "$(FAULT)" || { echo "usage: make demo-fault NODE=0..2 FAULT=STOPPED|HUNG|SLOW|HTTP_500|..."; exit 2; }
	curl -fsS -X POST "$(CONTROL)/nodes/$(NODE)/fault/$(FAULT)" && echo

## demo-heal: clear every fault of a running demo
demo-heal:
	curl -fsS -X POST "$(CONTROL)/heal" && echo

## bench: print measured figures (poll wall time, status writes per minute, pod deletion to Degraded)
bench: tools
	./mvnw -B -q -pl sandbox -DskipTests install
	./mvnw -B -q -pl operator test-compile exec:java -Dexec.mainClass=io.qdrantvigil.operator.bench.PollBenchmark \
		-Dexec.classpathScope=test -Dexec.args=$(CURDIR)/crds/qdrantclusterwatches.qdrantvigil.io-v1.yml

## bench-process: print the operator jar's figures as a process (JVM start -> first status, idle RSS, SIGTERM -> exit,
## RSS and poll time at 100 and 2,000 watched nodes under the Deployment's JVM settings and limits)
bench-process: tools build
	./mvnw -B -q -pl sandbox -DskipTests install
	./mvnw -B -q -pl operator test-compile exec:java -Dexec.mainClass=io.qdrantvigil.operator.bench.OperatorProcessBenchmark \
		-Dexec.classpathScope=test \
		-Dexec.args="$(CURDIR)/crds/qdrantclusterwatches.qdrantvigil.io-v1.yml $(CURDIR)/operator/target/qdrant-vigil-operator.jar"

## image: the operator's OCI image archive, operator/target/qdrant-vigil-operator-image.tar, named as the
## Deployment names it (no Docker engine, no registry: a jlink'ed runtime, Debian's libc, the jar)
IMAGE ?= $(shell sed -n 's/^ *image: *//p' manifests/operator/deployment.yaml)
image: build
	image/build-image.sh operator/target/qdrant-vigil-operator.jar operator/target/qdrant-vigil-operator-image.tar $(IMAGE)

## tools: kube-apiserver (built from Debian's source package), etcd, kubectl, lua, promtool into the per-user cache
## ($VIGIL_TOOLS_DIR, else $${XDG_CACHE_HOME:-~/.cache}/qdrant-vigil/tools), once per machine
tools:
	sandbox/tools/fetch-tools.sh

clean:
	$(MVN) clean
