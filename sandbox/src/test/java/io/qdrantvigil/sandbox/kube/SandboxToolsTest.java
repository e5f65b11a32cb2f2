package io.qdrantvigil.sandbox.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SandboxToolsTest {

    @TempDir
    Path temp;

    @Test
    void systemPropertyWinsOverEnvironmentAndWorkingDirectory() {
        SandboxTools tools = SandboxTools.locate(temp.resolve("from-property").toString(),
                temp.resolve("from-env").toString(), temp);

        assertThat(tools.dir()).isEqualTo(temp.resolve("from-property"));
    }

    @Test
    void environmentWinsOverWorkingDirectory() {
        SandboxTools tools = SandboxTools.locate(null, temp.resolve("from-env").toString(), temp);

        assertThat(tools.dir()).isEqualTo(temp.resolve("from-env"));
    }

    @Test
    void findsTheNearestToolsFolderAboveTheWorkingDirectory() throws IOException {
        Files.createDirectories(temp.resolve(".tools"));
        Path module = Files.createDirectories(temp.resolve("sandbox/target"));

        SandboxTools tools = SandboxTools.locate(null, " ", module);

        assertThat(tools.dir()).isEqualTo(temp.resolve(".tools"));
    }

    @Test
    void aMissingToolNamesMakeTools() {
        SandboxTools tools = new SandboxTools(temp);

        assertThatThrownBy(tools::kubeApiServer)
                .isInstanceOf(MissingToolException.class)
                .hasMessageContaining("kube-apiserver is missing")
                .hasMessageContaining(temp.resolve("bin/kube-apiserver").toString())
                .hasMessageContaining("run `make tools`");
    }

    @Test
    void anExecutableToolIsFound() throws IOException {
        Path etcd = Files.createFile(Files.createDirectories(temp.resolve("bin")).resolve("etcd"));
        assertThat(etcd.toFile().setExecutable(true)).isTrue();

        assertThat(new SandboxTools(temp).etcd()).isEqualTo(etcd);
    }
}
