package org.topicj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The installable distribution as a user gets it: unpacked into an empty folder and run with a
 * clean environment (no Maven, no checkout, no ~/.m2): --version, embed and fit on the bundled model.
 */
class DistributionIT {
    @TempDir
    Path dir;

    @Test
    void theUnpackedDistributionRunsWithOnlyAJavaRuntime() throws Exception {
        Path zip = Path.of(System.getProperty("topicj.distribution"));
        assertTrue(Files.isRegularFile(zip), "built by the package phase: " + zip);
        Path home = unzip(zip, dir.resolve("install")).resolve(zip.getFileName().toString().replace(".zip", ""));
        Path bin = home.resolve("bin/topicj");
        assertTrue(Files.isExecutable(bin), "bin/topicj is executable");
        assertTrue(Files.isRegularFile(home.resolve("bin/topicj.bat")));
        assertTrue(Files.isRegularFile(home.resolve("LICENSE")) && Files.isRegularFile(home.resolve("README.md")));
        checkModuleNames(home.resolve("lib"));

        Result version = run(bin, "--version");
        assertEquals(0, version.code(), version.output());
        assertTrue(version.output().startsWith("topicj "), version.output());
        Path link = Files.createDirectories(dir.resolve("home/bin")).resolve("topicj");
        Files.createSymbolicLink(link, bin);
        Result linked = run(link, "--version");
        assertEquals(0, linked.code(), "the launcher works through a link in ~/bin: " + linked.output());
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Result jar = run(java, "-jar", home.resolve("lib/topic-cli.jar").toString(), "--version");
        assertEquals(0, jar.code(), "java -jar finds the class path in the manifest: " + jar.output());

        List<String> lines = new ArrayList<>();
        String[] topics = {"kernel driver module boot firmware", "font glyph serif bold italic", "audio sound codec midi player"};
        for (int i = 0; i < 60; i++) {
            lines.add(topics[i % 3] + " number " + i);
        }
        Path docs = Files.write(dir.resolve("docs.txt"), lines);
        Result embed = run(bin, "-q", "embed", "--input", docs.toString(), "--output", dir.resolve("e.npy").toString());
        assertEquals(0, embed.code(), embed.output());
        assertTrue(Files.size(dir.resolve("e.npy")) > 60 * 384 * 4, "60 x 384 float32 embeddings from the bundled model");
        Result fit = run(bin, "--json", "fit", "--input", docs.toString(), "--embeddings", dir.resolve("e.npy").toString(),
                "--min-topic-size", "5", "--seed", "1", "--output", dir.resolve("out").toString());
        assertEquals(0, fit.code(), fit.output());
        assertTrue(fit.output().contains("\"command\":\"fit\""), fit.output());
        assertTrue(Files.isRegularFile(dir.resolve("out/model/topicj-model.json")));
    }

    private record Result(int code, String output) {
    }

    private Result run(Path bin, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(bin.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).directory(dir.toFile());
        Map<String, String> env = pb.environment();
        env.clear();
        env.put("PATH", Path.of(System.getProperty("java.home"), "bin") + ":/usr/bin:/bin");
        env.put("HOME", dir.resolve("home").toString());
        Process p = pb.start();
        String out;
        try (InputStream in = p.getInputStream()) {
            out = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "finished: " + out);
        return new Result(p.exitValue(), out);
    }

    /** Every TopicJ jar names its JPMS module. */
    private static void checkModuleNames(Path lib) throws IOException {
        try (Stream<Path> jars = Files.list(lib)) {
            List<Path> ours = jars.filter(j -> j.getFileName().toString().matches("(topic|backend)-.*\\.jar")).toList();
            assertTrue(ours.size() >= 5, "TopicJ jars in lib/: " + ours);
            for (Path j : ours) {
                try (JarFile jar = new JarFile(j.toFile())) {
                    String name = jar.getManifest().getMainAttributes().getValue("Automatic-Module-Name");
                    assertTrue(name != null && name.startsWith("org.topicj"), j + " has Automatic-Module-Name " + name);
                }
            }
        }
    }

    private static Path unzip(Path zip, Path target) throws IOException {
        try (ZipFile z = new ZipFile(zip.toFile())) {
            for (ZipEntry e : java.util.Collections.list(z.entries())) {
                Path out = target.resolve(e.getName()).normalize();
                if (!out.startsWith(target)) {
                    throw new IOException("entry outside the folder: " + e.getName());
                }
                if (e.isDirectory()) {
                    Files.createDirectories(out);
                    continue;
                }
                Files.createDirectories(out.getParent());
                try (InputStream in = z.getInputStream(e)) {
                    Files.copy(in, out);
                }
                if (e.getName().endsWith("bin/topicj")) {
                    Files.setPosixFilePermissions(out, java.util.EnumSet.of(PosixFilePermission.OWNER_READ,
                            PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE));
                }
            }
        }
        return target;
    }
}
