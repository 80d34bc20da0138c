package org.topicj.cli.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.topicj.io.AtomicFiles;
import org.topicj.matrix.DenseMatrix;
import org.topicj.topics.Assignment;
import org.topicj.topics.Topic;
import org.topicj.topics.TopicModel;
import org.topicj.topics.TopicsOverTime;
import org.topicj.topics.TopicsPerClass;
import org.topicj.umap.Umap;
import org.topicj.umap.UmapMetric;

/**
 * Writes {@code report.html}: one self-contained, offline file (ECharts inlined from its webjar, no
 * CDN) with a 2-D map of the documents by topic (coloured by topic or by a level of the topic tree),
 * topic sizes, top words, the decline of word scores by rank, topic similarity, the topic tree, the
 * topics over time and per class when given, and a searchable table of topics. Large corpora are sampled for the map (at most {@value #MAX_POINTS}
 * points, seeded), and the page says so.
 */
public final class ReportWriter {
    /** Most points drawn on the document map. */
    public static final int MAX_POINTS = 5000;
    private static final String ECHARTS = "META-INF/resources/webjars/echarts/5.3.1/dist/echarts.min.js";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ReportWriter() {
    }

    /**
     * @param file where to write
     * @param title the page title
     * @param model the fitted model
     * @param documents its training documents, in order
     */
    public static void write(Path file, String title, TopicModel model, List<String> documents) {
        write(file, title, model, documents, null, null);
    }

    /**
     * @param file where to write
     * @param title the page title
     * @param model the fitted model
     * @param documents its training documents, in order
     * @param overTime the topics over time of those documents, or null for none
     * @param perClass their topics per class, or null for none
     */
    public static void write(Path file, String title, TopicModel model, List<String> documents, List<TopicsOverTime.Row> overTime,
                             List<TopicsPerClass.Row> perClass) {
        String template = resource(ReportWriter.class.getResourceAsStream("report.html"), "report.html");
        String echarts = resource(ReportWriter.class.getClassLoader().getResourceAsStream(ECHARTS), ECHARTS);
        ObjectNode root = data(title, model, documents);
        root.set("hierarchy", ReportViews.hierarchy(model, documents));
        root.set("overTime", ReportViews.overTime(overTime, model));
        root.set("perClass", ReportViews.perClass(perClass, model));
        String data;
        try {
            data = JSON.writeValueAsString(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        String html = template.replace("/*__ECHARTS__*/", echarts.replace("</script", "<\\/script"))
                .replace("/*__DATA__*/", data.replace("</", "<\\/"));
        AtomicFiles.write(file, out -> out.write(html.getBytes(StandardCharsets.UTF_8)));
    }

    private static ObjectNode data(String title, TopicModel model, List<String> documents) {
        ObjectNode root = JSON.createObjectNode();
        root.put("title", title).put("documents", documents.size());
        String version = TopicModel.class.getPackage().getImplementationVersion();
        root.put("version", version == null ? "(development build)" : version);
        List<Assignment> info = model.documentInfo();
        root.put("outliers", info.stream().filter(a -> a.topic() < 0).count());
        ArrayNode topics = root.putArray("topics");
        for (Topic t : model.topics()) {
            ObjectNode o = topics.addObject();
            o.put("id", t.id()).put("count", t.count()).put("name", t.name());
            ArrayNode w = o.putArray("words");
            t.words().forEach(x -> w.addArray().add(x.word()).add(Math.round(x.score() * 1e5) / 1e5));
            ArrayNode d = o.putArray("docs");
            t.representativeDocs().forEach(x -> d.add(abbreviate(x, 300)));
            if (!t.representativeImages().isEmpty()) {
                ArrayNode images = o.putArray("images");
                t.representativeImages().forEach(path -> images.addObject().put("path", path).put("src", thumbnail(path)));
            }
        }
        List<Integer> shown = new ArrayList<>();
        for (int i = 0; i < documents.size(); i++) {
            shown.add(i);
        }
        boolean sampled = shown.size() > MAX_POINTS;
        if (sampled) {
            Collections.shuffle(shown, new Random(42));
            shown = new ArrayList<>(shown.subList(0, MAX_POINTS));
            Collections.sort(shown);
        }
        root.put("sampled", sampled);
        ArrayNode points = root.putArray("points");
        ArrayNode texts = root.putArray("texts");
        DenseMatrix xy = layout(model, shown);
        for (int p = 0; p < shown.size(); p++) {
            int i = shown.get(p);
            ArrayNode pt = points.addArray();
            pt.add(xy == null ? p % 100 : Math.round(xy.get(p, 0) * 1000) / 1000.0);
            pt.add(xy == null ? p / 100 : Math.round(xy.get(p, 1) * 1000) / 1000.0);
            pt.add(info.get(i).topic()).add(p);
            texts.add(abbreviate(documents.get(i), 200));
        }
        ObjectNode sim = root.putObject("similarity");
        DenseMatrix s = model.topicSimilarity();
        List<Integer> rows = new ArrayList<>();
        for (int r = 0; r < model.topics().size() && rows.size() < 60; r++) {
            if (model.topics().get(r).id() >= 0) {
                rows.add(r);
            }
        }
        sim.put("note", (model.topicEmbeddings().isPresent() ? "Cosine similarity of topic embeddings" : "Cosine similarity of c-TF-IDF")
                + (rows.size() < model.topicCount() ? ", the " + rows.size() + " largest topics." : "."));
        ArrayNode ids = sim.putArray("ids");
        ArrayNode values = sim.putArray("values");
        for (int a : rows) {
            ids.add(model.topics().get(a).id());
            ArrayNode row = values.addArray();
            for (int b : rows) {
                row.add(Math.round(s.get(a, b) * 1000) / 1000.0);
            }
        }
        return root;
    }

    /** A 2-D UMAP of the documents' 5-D topic-space coordinates (seeded), or null for a manual model. */
    private static DenseMatrix layout(TopicModel model, List<Integer> shown) {
        DenseMatrix reduced = model.reducedEmbeddings().orElse(null);
        if (reduced == null || shown.size() < 20) {
            return null;
        }
        float[] sub = new float[shown.size() * reduced.cols()];
        for (int p = 0; p < shown.size(); p++) {
            System.arraycopy(reduced.rawData(), shown.get(p) * reduced.cols(), sub, p * reduced.cols(), reduced.cols());
        }
        return Umap.builder().components(2).minDist(0.1).neighbours(Math.min(15, shown.size() - 1))
                .metric(UmapMetric.EUCLIDEAN).seed(42).epochs(200).build()
                .fit(DenseMatrix.wrap(shown.size(), reduced.cols(), sub)).embedding();
    }

    /**
     * A representative image as a self-contained data URI, at most 96 pixels a side, so the report
     * stays one file that opens anywhere; null if the image cannot be read any more.
     */
    static String thumbnail(String path) {
        try {
            BufferedImage image = ImageIO.read(Path.of(path).toFile());
            if (image == null) {
                return null;
            }
            double scale = Math.min(1.0, 96.0 / Math.max(image.getWidth(), image.getHeight()));
            int w = Math.max(1, (int) Math.round(image.getWidth() * scale));
            int h = Math.max(1, (int) Math.round(image.getHeight() * scale));
            BufferedImage small = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = small.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(image, 0, 0, w, h, null);
            g.dispose();
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            ImageIO.write(small, "png", png);
            return "data:image/png;base64," + Base64.getEncoder().encodeToString(png.toByteArray());
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static String abbreviate(String s, int max) {
        String one = s.replace('\n', ' ');
        return one.length() <= max ? one : one.substring(0, max - 1) + "…";
    }

    private static String resource(InputStream in, String name) {
        if (in == null) {
            throw new IllegalStateException(name + " is missing from the class path; rebuild topic-cli");
        }
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
