package org.topicj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.topicj.cli.report.ReportWriter;
import org.topicj.testing.SubjectImageEmbedder;
import org.topicj.topics.Topic;
import org.topicj.topics.TopicModel;
import org.topicj.topics.TopicModeler;

/** The report's data: a corpus larger than the map shows, and topics over images. */
class ReportWriterTest {
    @TempDir
    Path dir;

    @Test
    void largeCorporaAreSampledAndSaySo() throws Exception {
        String[] words = {"alpha beta gamma", "delta epsilon zeta", "eta theta iota", "kappa lambda mu"};
        List<String> docs = new ArrayList<>();
        int[] labels = new int[6000];
        for (int i = 0; i < 6000; i++) {
            docs.add(words[i % 4] + " document " + i);
            labels[i] = i % 4;
        }
        TopicModel model = TopicModeler.builder().build().fit(docs, labels);
        Path file = dir.resolve("report.html");
        ReportWriter.write(file, "big", model, docs);
        String html = Files.readString(file);
        int start = html.indexOf("var DATA = ") + "var DATA = ".length();
        JsonNode data = new ObjectMapper().readTree(html.substring(start, html.indexOf(";\n(function", start)));
        assertTrue(data.get("sampled").asBoolean());
        assertEquals(ReportWriter.MAX_POINTS, data.get("points").size());
        assertEquals(6000, data.get("documents").asInt());
        assertEquals(4, data.get("topics").size());
        assertTrue(html.contains("Showing a random sample of"), "the page says it samples");
    }

    @Test
    void topicsOverImagesShowTheirRepresentativeImagesAsThumbnails() throws Exception {
        List<String> subjects = List.of("cat", "car", "tree");
        List<String> captions = new ArrayList<>();
        List<Path> images = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            String s = subjects.get(i % 3);
            captions.add(i % 2 == 0 ? "a " + s + " number " + i : null);
            BufferedImage img = new BufferedImage(200, 100, BufferedImage.TYPE_INT_RGB);
            img.setRGB(0, 0, 0xff0000 >> (8 * (i % 3)));
            Path p = dir.resolve(s + "-" + i + ".png");
            ImageIO.write(img, "png", p.toFile());
            images.add(p);
        }
        TopicModel model;
        try (SubjectImageEmbedder e = new SubjectImageEmbedder(subjects)) {
            model = TopicModeler.builder().embedder(e).seed(1).build().fit(captions, images);
        }
        Topic first = model.topics().stream().filter(t -> t.id() == 0).findFirst().orElseThrow();
        Files.delete(Path.of(first.representativeImages().get(2)));
        Path file = dir.resolve("images.html");
        List<String> docs = captions.stream().map(c -> c == null ? "" : c).toList();
        ReportWriter.write(file, "images", model, docs);
        String html = Files.readString(file);
        int start = html.indexOf("var DATA = ") + "var DATA = ".length();
        JsonNode data = new ObjectMapper().readTree(html.substring(start, html.indexOf(";\n(function", start)));
        JsonNode topic0 = null;
        for (JsonNode t : data.get("topics")) {
            if (t.get("id").asInt() == 0) {
                topic0 = t;
            }
        }
        JsonNode shown = topic0.get("images");
        assertEquals(3, shown.size());
        String thumb = shown.get(0).get("src").asText();
        assertTrue(thumb.startsWith("data:image/png;base64,"), thumb);
        BufferedImage decoded = ImageIO.read(new java.io.ByteArrayInputStream(
                java.util.Base64.getDecoder().decode(thumb.substring(thumb.indexOf(',') + 1))));
        assertEquals(96, decoded.getWidth(), "thumbnails are at most 96 pixels a side");
        assertEquals(48, decoded.getHeight());
        assertTrue(shown.get(2).get("src").isNull(), "an image gone since fitting is shown as unreadable, by path");
        assertEquals(first.representativeImages().get(2), shown.get(2).get("path").asText());
    }
}
