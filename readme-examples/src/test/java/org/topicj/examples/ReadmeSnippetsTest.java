package org.topicj.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's code is this module's code: every snippet marked {@code <!-- snippet: FILE#NAME -->}
 * in README.md is, line for line, the region between {@code snippet:start NAME} and
 * {@code snippet:end NAME} of FILE, which this module compiles against TopicJ's artifacts; the
 * examples then run in an empty folder, as a user would run them. The dependency snippets name the
 * project's real coordinates and version.
 */
class ReadmeSnippetsTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern MARKER = Pattern.compile("<!-- snippet: ([^#\\s]+)#(\\S+) -->\\s*\\n```\\w*\\n(.*?)\\n```", Pattern.DOTALL);

    @TempDir
    Path dir;

    @Test
    void everyMarkedSnippetIsTheCompiledExample() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        Matcher m = MARKER.matcher(readme);
        int found = 0;
        while (m.find()) {
            found++;
            String file = m.group(1);
            String name = m.group(2);
            assertEquals(region(ROOT.resolve(file), name), m.group(3), "README snippet " + file + "#" + name);
        }
        assertTrue(found >= 3, "README marks its snippets (" + found + " found)");
    }

    @Test
    void theDependencySnippetsNameRealArtifactsOfThisVersion() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        String version = Pattern.compile("<version>(.*?)</version>").matcher(Files.readString(ROOT.resolve("pom.xml")))
                .results().skip(0).findFirst().orElseThrow().group(1);
        String bom = Files.readString(ROOT.resolve("bom/pom.xml"));
        Matcher gradle = Pattern.compile("\"org\\.topicj:([a-z0-9-]+)(?::([^\"]+))?\"").matcher(readme);
        int coordinates = 0;
        while (gradle.find()) {
            coordinates++;
            assertTrue(bom.contains("<artifactId>" + gradle.group(1) + "</artifactId>") || gradle.group(1).equals("topicj-bom"),
                    "README names org.topicj:" + gradle.group(1) + ", which the BOM does not publish");
            if (gradle.group(2) != null) {
                assertEquals(version, gradle.group(2), "the Gradle snippet's version");
            }
        }
        Matcher maven = Pattern.compile("<artifactId>topicj-bom</artifactId>\\s*<version>(.*?)</version>").matcher(readme);
        assertTrue(maven.find(), "README's Maven snippet imports the BOM");
        assertEquals(version, maven.group(1), "the Maven snippet's version");
        assertTrue(coordinates >= 3, "README's Gradle snippet names the BOM and two artifacts");
    }

    @Test
    void theJavaExamplesRun() throws Exception {
        String out = run(QuickStart.class.getName());
        assertTrue(out.lines().anyMatch(l -> l.matches("\\d+_\\S+ \\d+")), "topic lines: " + out);
        assertTrue(Files.isRegularFile(dir.resolve("my-model/topicj-model.json")), "the model was saved where the snippet says");
        String stages = run(EmbedAndStages.class.getName());
        assertEquals(4, stages.lines().filter(l -> l.matches("\\d+_.*")).count(), "four k-means topics: " + stages);
        assertTrue(Files.isRegularFile(dir.resolve("embeddings.npy")));
    }

    @Test
    void theKotlinExampleRuns() throws Exception {
        String out = run("org.topicj.examples.KotlinQuickStartKt");
        assertTrue(out.lines().anyMatch(l -> l.matches("\\d+_\\S+ \\d+")), "topic lines: " + out);
    }

    private String run(String mainClass) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), mainClass));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out;
        try (InputStream in = p.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), out);
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    /** The lines between the markers, without their common indentation. */
    private static String region(Path file, String name) throws IOException {
        List<String> lines = Files.readAllLines(file);
        int start = -1;
        int end = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).trim().equals("// snippet:start " + name)) {
                start = i + 1;
            } else if (lines.get(i).trim().equals("// snippet:end " + name)) {
                end = i;
            }
        }
        assertTrue(start > 0 && end > start, file + " has no snippet " + name);
        List<String> body = lines.subList(start, end);
        int indent = body.stream().filter(l -> !l.isBlank()).mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        return String.join("\n", body.stream().map(l -> l.length() >= indent ? l.substring(indent) : l.strip()).toList());
    }
}
