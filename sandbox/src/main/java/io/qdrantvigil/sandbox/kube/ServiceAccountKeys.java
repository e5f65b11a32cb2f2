package io.qdrantvigil.sandbox.kube;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** The RSA key pair the apiserver signs and verifies service-account tokens with, as PEM files. */
record ServiceAccountKeys(Path privateKey, Path publicKey) {

    static ServiceAccountKeys writeTo(Path dir) throws IOException {
        KeyPair pair;
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            pair = generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no RSA", e);
        }
        ServiceAccountKeys keys = new ServiceAccountKeys(dir.resolve("service-account.key"),
                dir.resolve("service-account.pub"));
        // PKCS#8 and X.509 SubjectPublicKeyInfo: Java's own encodings, which the apiserver reads as PEM.
        Files.writeString(keys.privateKey, pem("PRIVATE KEY", pair.getPrivate().getEncoded()), StandardCharsets.US_ASCII);
        Files.writeString(keys.publicKey, pem("PUBLIC KEY", pair.getPublic().getEncoded()), StandardCharsets.US_ASCII);
        return keys;
    }

    private static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }
}
