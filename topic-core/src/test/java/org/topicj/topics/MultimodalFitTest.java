package org.topicj.topics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.topicj.eval.ClusteringMetrics;
import org.topicj.testing.FakeEmbedder;
import org.topicj.testing.SubjectImageEmbedder;

/** Topics over images, captions, or both, with an image embedder that places each subject at its own point. */
class MultimodalFitTest {
    static final List<String> SUBJECTS = List.of("cat", "car", "tree");

    @TempDir
    Path tmp;
    final List<String> captions = new ArrayList<>();
    final List<Path> images = new ArrayList<>();
    final int[] truth = new int[90];

    /** 30 documents per subject: a third with both, a third caption only, a third image only. */
    @BeforeEach
    void corpus() throws IOException {
        for (int i = 0; i < 90; i++) {
            int s = i % 3;
            truth[i] = s;
            int kind = (i / 3) % 3;
            String subject = SUBJECTS.get(s);
            captions.add(kind == 2 ? null : "a " + subject + " picture number " + i + " " + subject + "s");
            images.add(kind == 1 ? null : Files.writeString(tmp.resolve(subject + "-" + i + ".png"), "not decoded by this embedder"));
        }
    }

    @Test
    void captionsImagesAndBothClusterBySubjectWithRepresentativeImages() {
        try (SubjectImageEmbedder e = new SubjectImageEmbedder(SUBJECTS)) {
            TopicModel m = TopicModeler.builder().embedder(e).seed(3).minTopicSize(10).build().fit(captions, images);
            int[] found = m.documentInfo().stream().mapToInt(Assignment::topic).toArray();
            assertTrue(ClusteringMetrics.normalizedMutualInformation(truth, found) > 0.95, "topics follow subjects");
            for (Topic t : m.topics()) {
                if (t.id() < 0) {
                    continue;
                }
                assertEquals(3, t.representativeImages().size(), t.name());
                String subject = subjectOf(t.representativeImages().get(0));
                for (String image : t.representativeImages()) {
                    assertEquals(subject, subjectOf(image), "images of topic " + t.name());
                }
                assertTrue(t.name().contains(subject), "caption words name the topic: " + t.name());
            }
            Path saved = tmp.resolve("model");
            m.save(saved);
            assertEquals(m.topics(), TopicModel.load(saved, e).topics(), "representative images survive save and load");
        }
    }

    @Test
    void imagesAloneAreEnough() {
        try (SubjectImageEmbedder e = new SubjectImageEmbedder(SUBJECTS)) {
            List<Path> onlyImages = images.stream().filter(p -> p != null).toList();
            TopicModel m = TopicModeler.builder().embedder(e).seed(3).minTopicSize(10).build().fit(null, onlyImages);
            assertEquals(3, m.topics().stream().filter(t -> t.id() >= 0).count());
            assertTrue(m.topics().stream().allMatch(t -> t.id() < 0 || t.representativeImages().size() == 3));
        }
    }

    @Test
    void documentsWithNothingUsableAndTextOnlyEmbeddersAreRefused() throws IOException {
        try (SubjectImageEmbedder e = new SubjectImageEmbedder(SUBJECTS)) {
            captions.set(5, null);
            images.set(5, Files.writeString(tmp.resolve("unreadable.png"), "???"));
            var error = assertThrows(IllegalArgumentException.class,
                    () -> TopicModeler.builder().embedder(e).build().fit(captions, images));
            assertTrue(error.getMessage().contains("document 5 has neither a caption nor a readable image"), error.getMessage());
            assertTrue(error.getMessage().contains("unreadable.png"), error.getMessage());
            var mismatch = assertThrows(IllegalArgumentException.class,
                    () -> TopicModeler.builder().embedder(e).build().fit(captions.subList(0, 10), images));
            assertTrue(mismatch.getMessage().contains("10 captions but 90 images"), mismatch.getMessage());
        }
        var textOnly = assertThrows(IllegalArgumentException.class,
                () -> TopicModeler.builder().embedder(new FakeEmbedder(8, null)).build().fit(captions, images));
        assertTrue(textOnly.getMessage().contains("needs an image embedder"), textOnly.getMessage());
    }

    @Test
    void topicsSavedBeforeImagesExistedLoadWithNone() throws Exception {
        var json = org.topicj.io.ModelFiles.mapper();
        Topic t = json.readValue("{\"id\":0,\"count\":3,\"name\":\"0_a\",\"words\":[],\"representativeDocs\":[\"x\"]}", Topic.class);
        assertEquals(List.of(), t.representativeImages());
        assertFalse(json.writeValueAsString(new Topic(0, 1, "0_a", List.of(), List.of())).isEmpty());
    }

    private static String subjectOf(String image) {
        return new SubjectImageEmbedder(SUBJECTS).subjectOf(Path.of(image));
    }
}
