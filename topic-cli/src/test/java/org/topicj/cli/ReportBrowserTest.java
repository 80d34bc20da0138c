package org.topicj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * report.html as a user sees it: opened in headless Chromium (Debian's chromium package, which
 * .ci/run installs), the charts must render with the expected number of series and no script
 * errors; a screenshot is kept in target/ for people to look at.
 */
class ReportBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @TempDir
    Path dir;

    private String chromium(Path profile, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "chromium did not finish");
        return out;
    }

    private static Matcher status(String dom) {
        Matcher m = Pattern.compile("<div id=\"topicj-status\" data-charts=\"(\\d+)\" data-series=\"(\\d+)\" data-errors=\"(\\d+)\""
                + " data-expected-series=\"(\\d+)\" data-expected-charts=\"(\\d+)\" data-canvases=\"(\\d+)\">rendered").matcher(dom);
        assertTrue(m.find(), "the page's script ran to the end: " + dom.substring(Math.max(0, dom.indexOf("topicj-status") - 20),
                Math.min(dom.length(), dom.indexOf("topicj-status") + 300)));
        return m;
    }

    @Test
    void timeAndClassViewsRenderInABrowser() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM), "skipped: no /usr/bin/chromium (Debian package chromium; .ci/run installs it)");
        String[][] pools = {{"kernel", "driver", "module", "firmware", "device"}, {"font", "glyph", "serif", "bold", "italic"},
            {"audio", "music", "player", "codec", "midi"}, {"network", "server", "proxy", "socket", "router"}};
        SplittableRandom rnd = new SplittableRandom(4);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            StringBuilder sb = new StringBuilder();
            for (int w = 0; w < 6; w++) {
                sb.append(pools[i % 4][rnd.nextInt(5)]).append(' ');
            }
            lines.add("{\"text\": \"" + sb.toString().strip() + "\", \"date\": \"2024-0" + (1 + i % 5) + "-01\", \"team\": \"t"
                    + (i % 3) + "\"}");
        }
        Path docs = Files.write(dir.resolve("docs.jsonl"), lines);
        Path out = dir.resolve("out");
        CliTest.Result fit = CliTest.run("fit", "-q", "--input", docs.toString(), "--embedder", "fake:hash", "--seed", "1",
                "--timestamp-field", "date", "--class-field", "team", "--output", out.toString());
        assertEquals(0, fit.code(), fit.err());
        Matcher m = status(chromium(dir.resolve("profile3"), "--dump-dom", out.resolve("report.html").toUri().toString()));
        assertEquals("8", m.group(1), "the fixed six charts, topics over time and topics per class");
        assertEquals(m.group(5), m.group(1), "every chart the data asks for was drawn");
        assertEquals(m.group(4), m.group(2), "every series was created");
        assertTrue(Integer.parseInt(m.group(6)) >= 8, "every chart has its canvas: " + m.group(6));
        assertEquals("0", m.group(3), "no script errors");
    }

    @Test
    void chartsRenderInABrowser() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM), "skipped: no /usr/bin/chromium (Debian package chromium; .ci/run installs it)");
        String[][] pools = {{"kernel", "driver", "module", "firmware", "device"}, {"font", "glyph", "serif", "bold", "italic"},
            {"audio", "music", "player", "codec", "midi"}, {"network", "server", "proxy", "socket", "router"}};
        SplittableRandom rnd = new SplittableRandom(3);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 160; i++) {
            StringBuilder sb = new StringBuilder();
            for (int w = 0; w < 6; w++) {
                sb.append(pools[i % 4][rnd.nextInt(5)]).append(' ');
            }
            lines.add(sb.toString().strip() + " <b>&amp;</b>");
        }
        Path docs = Files.write(dir.resolve("docs.txt"), lines);
        Path out = dir.resolve("out");
        CliTest.Result fit = CliTest.run("fit", "-q", "--input", docs.toString(), "--embedder", "fake:hash", "--seed", "1",
                "--output", out.toString());
        assertEquals(0, fit.code(), fit.err());
        Path report = out.resolve("report.html");
        String html = Files.readString(report);
        assertTrue(!Pattern.compile("(src|href)\\s*=\\s*[\"']?(https?:)?//").matcher(html).find() && !html.contains("<script src"),
                "self-contained: nothing is loaded from elsewhere");

        String dom = chromium(dir.resolve("profile1"), "--dump-dom", report.toUri().toString());
        Matcher m = status(dom);
        assertEquals("6", m.group(1), "map, sizes, words, term ranks, topic tree and heatmap");
        assertEquals(m.group(5), m.group(1), "every chart the data asks for was drawn");
        assertEquals(m.group(4), m.group(2), "every series was created");
        assertTrue(Integer.parseInt(m.group(6)) >= 6, "every chart has its canvas: " + m.group(6));
        assertTrue(Integer.parseInt(m.group(2)) >= 5, "a series per topic plus three");
        assertEquals("0", m.group(3), "no script errors");
        assertTrue(dom.contains("&lt;b&gt;&amp;amp;&lt;/b&gt;"), "document text is escaped, not injected");
        Matcher colors = Pattern.compile("data-distinct-colors=\"(\\d+)\"").matcher(dom);
        assertTrue(colors.find(), "the page reports its palette");
        assertEquals("1000", colors.group(1), "a thousand topics get a thousand colours (ECharts' palette repeats after 9)");

        Path shot = Path.of("target", "report-screenshot.png").toAbsolutePath();
        Files.deleteIfExists(shot);
        chromium(dir.resolve("profile2"), "--hide-scrollbars", "--window-size=1400,1800", "--screenshot=" + shot,
                report.toUri().toString());
        assertTrue(Files.size(shot) > 20_000, "a screenshot with content: " + Files.size(shot) + " bytes");
    }
}
