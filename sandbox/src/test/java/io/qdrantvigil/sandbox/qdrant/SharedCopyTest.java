package io.qdrantvigil.sandbox.qdrant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The repository's copy of Qdrant's API folder is the shared one, file for file, wherever ../shared exists. */
class SharedCopyTest {

    private static final List<String> COPIED = List.of("openapi.json", "API.md", "examples");

    @Test
    void theCopyHoldsTheSpecAndExamplesWithTheirLicenceNote() {
        Path copy = QdrantSpec.qdrantDir();
        assertThat(copy.resolve("openapi.json")).isRegularFile();
        assertThat(copy.resolve("NOTICE.md")).content().contains("Apache License 2.0");
        assertThat(copy.resolve("examples")).isDirectoryContaining("glob:**/cluster-leader.json");
    }

    @Test
    void everyCopiedFileEqualsTheSharedOne() throws IOException {
        Path shared = Path.of(System.getProperty("vigil.shared.dir", "../../shared")).resolve("qdrant");
        assumeTrue(Files.isDirectory(shared), "no shared folder beside this checkout: nothing to compare against");
        Path copy = QdrantSpec.qdrantDir();
        for (String name : COPIED) {
            assertThat(files(copy.resolve(name), copy)).as("files of %s", name)
                    .isEqualTo(files(shared.resolve(name), shared));
            for (Path relative : files(shared.resolve(name), shared)) {
                assertThat(Files.mismatch(shared.resolve(relative), copy.resolve(relative)))
                        .as("%s differs from the shared copy: copy ../shared/qdrant/%s into %s", relative, relative, copy)
                        .isEqualTo(-1L);
            }
        }
    }

    private static List<Path> files(Path root, Path base) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).map(base::relativize).sorted().toList();
        }
    }
}
