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
                temp.resolve("from-env").toString(), temp.resolve("xdg").toString(), temp);

        assertThat(tools.dir()).isEqualTo(temp.resolve("from-property"));
    }

    @Test
    void environmentWinsOverWorkingDirectory() {
        SandboxTools tools = SandboxTools.locate(null, temp.resolve("from-env").toString(), null, temp);

        assertThat(tools.dir()).isEqualTo(temp.resolve("from-env"));
    }

    @Test
    void defaultsToThePerUserCacheUnderXdgCacheHome() {
        SandboxTools tools = SandboxTools.locate(null, " ", temp.resolve("xdg").toString(), temp.resolve("home"));

        assertThat(tools.dir()).isEqualTo(temp.resolve("xdg/qdrant-vigil/tools"));
    }

    @Test
    void withoutXdgCacheHomeTheCacheIsUnderTheHomeFolder() {
        SandboxTools tools = SandboxTools.locate(null, null, "", temp.resolve("home"));

        assertThat(tools.dir()).isEqualTo(temp.resolve("home/.cache/qdrant-vigil/tools"));
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
