# Qdrant Vigil. The two commands a newcomer needs: `make demo` and `make test`.
SHELL := /bin/bash
MVN := ./mvnw -B -q

.PHONY: test build crds demo tools demo-fault demo-heal bench bench-process plugin clean
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

## bench-process: print the operator jar's figures as a process (JVM start -> first status, idle RSS, SIGTERM -> exit)
bench-process: tools build
	./mvnw -B -q -pl sandbox -DskipTests install
	./mvnw -B -q -pl operator test-compile exec:java -Dexec.mainClass=io.qdrantvigil.operator.bench.OperatorProcessBenchmark \
		-Dexec.classpathScope=test \
		-Dexec.args="$(CURDIR)/crds/qdrantclusterwatches.qdrantvigil.io-v1.yml $(CURDIR)/operator/target/qdrant-vigil-operator.jar"

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
	install -d "$(BINDIR)" "$(LIBDIR)"
	install -m 644 plugin/target/kubectl-vigil.jar "$(LIBDIR)/kubectl-vigil.jar"
	rm -f "$(LIBDIR)/kubectl-vigil.jsa"
	KUBECTL=$(CURDIR)/plugin/src/main/dist/training/kubectl java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC \
		-XX:ArchiveClassesAtExit="$(LIBDIR)/kubectl-vigil.jsa" -Xlog:cds=off -Xlog:cds+dynamic=off \
		-jar "$(LIBDIR)/kubectl-vigil.jar" status prod > /dev/null
	sed 's|@LIBDIR@|$(LIBDIR)|' plugin/src/main/dist/kubectl-vigil > "$(BINDIR)/kubectl-vigil"
	chmod 755 "$(BINDIR)/kubectl-vigil"
	@echo "installed $(BINDIR)/kubectl-vigil (jar and archive in $(LIBDIR)); try: kubectl vigil status -A"
