# Qdrant Vigil. The two commands a newcomer needs: `make demo` and `make test`.
SHELL := /bin/bash
MVN := ./mvnw -B -q

.PHONY: test build crds demo tools demo-fault demo-heal demo-transfer bench bench-process bench-plugin plugin image clean
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

## demo-fault: break a simulated node of a running demo, e.g. make demo-fault NODE=1 FAULT=HUNG or FAULT=TRANSFER_STALLED
## (VALUE=... for SLOW 3s, NON_JSON 200, VERSION 1.16.3, HUGE_BODY bytes, COLLECTION_MISSING users)
demo-fault:
	@test -n "$(NODE)" -a -n "$(FAULT)" || { echo "usage: make demo-fault NODE=0..2 FAULT=STOPPED|HUNG|SLOW|HTTP_500|TRANSFER_STALLED|DIVERGENT_VIEW|COLLECTION_MISSING|TELEMETRY_FAILING|... [VALUE=...]"; exit 2; }
	curl -sS --fail-with-body -X POST "$(CONTROL)/nodes/$(NODE)/fault/$(FAULT)$(if $(VALUE),?value=$(VALUE))" && echo

## demo-transfer: start a shard transfer in a running demo, e.g. make demo-transfer SHARD=0 FROM=0 TO=2
## (COLLECTION=products by default; METHOD=stream_records|snapshot|wal_delta; MOVE=true drops the source at the end)
demo-transfer:
	@test -n "$(FROM)" -a -n "$(TO)" || { echo "usage: make demo-transfer [COLLECTION=products] [SHARD=0] FROM=0 TO=2 [METHOD=stream_records] [MOVE=true]"; exit 2; }
	curl -sS --fail-with-body -X POST "$(CONTROL)/collections/$(or $(COLLECTION),products)/transfers?shard=$(or $(SHARD),0)&from=$(FROM)&to=$(TO)&method=$(or $(METHOD),stream_records)&move=$(or $(MOVE),false)" && echo

## demo-heal: clear every fault of a running demo
demo-heal:
	curl -fsS -X POST "$(CONTROL)/heal" && echo

## bench: print measured figures (poll wall time, status writes per minute, pod deletion to Degraded, the data view at 10 x 1,000, plugin start)
bench: tools
	./mvnw -B -q -pl sandbox -DskipTests install
	./mvnw -B -q -pl operator test-compile exec:java -Dexec.mainClass=io.qdrantvigil.operator.bench.PollBenchmark \
		-Dexec.classpathScope=test -Dexec.args=$(CURDIR)/crds/qdrantclusterwatches.qdrantvigil.io-v1.yml
	./mvnw -B -q -pl operator test-compile exec:java -Dexec.mainClass=io.qdrantvigil.operator.bench.DataViewBenchmark \
		-Dexec.classpathScope=test -Dexec.args=$(CURDIR)/crds/qdrantclusterwatches.qdrantvigil.io-v1.yml
	$(MAKE) bench-plugin

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

## plugin: kubectl vigil: installs kubectl-vigil into $(BINDIR) (default ~/.local/bin; PREFIX=/usr/local or
## BINDIR=... to change), its jar and class-data archive into $(LIBDIR)
PREFIX ?= $(HOME)/.local
BINDIR ?= $(PREFIX)/bin
LIBDIR ?= $(PREFIX)/lib/qdrant-vigil
plugin:
	$(MVN) -pl plugin -am -DskipTests package
	plugin/src/main/dist/install.sh plugin/target/kubectl-vigil.jar "$(LIBDIR)" "$(BINDIR)"
	@echo "installed $(BINDIR)/kubectl-vigil (jar and archive in $(LIBDIR)); try: kubectl vigil status -A"

## bench-plugin: kubectl vigil's start to first output against the sandbox apiserver (installed launcher, and plain java -jar)
bench-plugin: tools
	$(MVN) -pl plugin -am -DskipTests package dependency:build-classpath -Dmdep.includeScope=test \
		-Dmdep.outputFile=target/test.classpath
	plugin/src/main/dist/install.sh plugin/target/kubectl-vigil.jar plugin/target/bench-install/lib plugin/target/bench-install/bin
	java -cp "plugin/target/test-classes:plugin/target/classes:$$(cat plugin/target/test.classpath)" \
		io.qdrantvigil.plugin.bench.PluginStartBenchmark $(CURDIR)/plugin/target/bench-install/bin/kubectl-vigil \
		$(CURDIR)/crds/qdrantclusterwatches.qdrantvigil.io-v1.yml
