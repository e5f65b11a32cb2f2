package io.qdrantvigil.sandbox.kube;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A kubeconfig for the sandbox apiserver: its self-signed certificate is not verified, a bearer token authenticates. */
final class KubeconfigFile {

    static final String CONTEXT = "vigil-sandbox";

    private KubeconfigFile() {
    }

    static void write(Path file, String serverUrl, String token) throws IOException {
        String yaml = """
                apiVersion: v1
                kind: Config
                clusters:
                - name: %1$s
                  cluster:
                    server: %2$s
                    insecure-skip-tls-verify: true
                users:
                - name: %1$s-admin
                  user:
                    token: %3$s
                contexts:
                - name: %1$s
                  context:
                    cluster: %1$s
                    user: %1$s-admin
                    namespace: default
                current-context: %1$s
                """.formatted(CONTEXT, serverUrl, token);
        Files.writeString(file, yaml, StandardCharsets.UTF_8);
    }
}
