# Qdrant Vigil. The two commands a newcomer needs: `make demo` and `make test`.
SHELL := /bin/bash
MVN := ./mvnw -B -q
TOOLS := $(CURDIR)/.tools

.PHONY: test build crds demo tools demo-fault demo-heal clean

## test: build the sandbox's Kubernetes tools if missing, then every test (unit, mock API, real apiserver)
test: tools
	./mvnw -B verify

## build: the operator jar (operator/target/qdrant-vigil-operator.jar), tests skipped
build:
	$(MVN) -DskipTests package

## crds: regenerate crds/ from the Java classes
crds:
	$(MVN) -DskipTests -Dvigil.crds.update=true package

## tools: kube-apiserver (built from Debian's source package), etcd and kubectl into .tools/ (cached)
tools:
	sandbox/tools/fetch-tools.sh

clean:
	$(MVN) clean
