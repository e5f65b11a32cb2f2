package io.qdrantvigil.sandbox.kube;

import java.nio.file.Path;

/** A sandbox tool has not been built or fetched yet. */
public final class MissingToolException extends IllegalStateException {

    public MissingToolException(String tool, Path expectedAt) {
        super(tool + " is missing (expected at " + expectedAt + "): run `make tools` in the repository root"
                + " to build kube-apiserver from Debian's source package and fetch etcd and kubectl"
                + " (4 to 20 minutes the first time, depending on the machine's load; cached afterwards)");
    }
}
