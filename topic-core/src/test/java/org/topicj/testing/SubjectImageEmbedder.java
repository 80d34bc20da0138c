package org.topicj.testing;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.topicj.embed.AbstractEmbedder;
import org.topicj.embed.ImageEmbedder;
import org.topicj.matrix.DenseMatrix;
import org.topicj.matrix.Matrix;
import org.topicj.progress.ProgressListener;

/**
 * A stand-in for CLIP in topic-model tests: a text goes to the point of the first subject it
 * mentions, an image file to the point of the subject its file name starts with ({@code cat-3.png});
 * each with seeded noise. An image whose name starts with no subject is unreadable: a NaN row, as a
 * skip policy gives.
 */
public final class SubjectImageEmbedder extends AbstractEmbedder implements ImageEmbedder {
    private static final int DIMENSION = 8;
    private final List<String> subjects;

    /** @param subjects at most 8 subject words, each at its own point */
    public SubjectImageEmbedder(List<String> subjects) {
        super("subjects", DIMENSION, false, null);
        this.subjects = List.copyOf(subjects);
    }

    /** @param image an image path; @return the subject its name starts with, or "" if none */
    public String subjectOf(Path image) {
        String name = image.getFileName().toString();
        return subjects.stream().filter(s -> name.startsWith(s + "-")).findFirst().orElse("");
    }

    @Override
    protected Matrix embedChecked(List<String> texts, ProgressListener progress) {
        float[][] rows = new float[texts.size()][];
        for (int i = 0; i < rows.length; i++) {
            String text = texts.get(i);
            rows[i] = point(subjects.stream().filter(text::contains).findFirst().orElse(""), text.hashCode());
        }
        return DenseMatrix.of(rows);
    }

    @Override
    public Matrix embedImages(List<Path> images, ProgressListener progress) {
        float[][] rows = new float[images.size()][];
        for (int i = 0; i < rows.length; i++) {
            String subject = subjectOf(images.get(i));
            rows[i] = subject.isEmpty() ? nan() : point(subject, images.get(i).getFileName().toString().hashCode());
        }
        return DenseMatrix.of(rows);
    }

    private float[] point(String subject, int seed) {
        Random r = new Random(seed);
        float[] v = new float[DIMENSION];
        int s = subjects.indexOf(subject);
        for (int j = 0; j < DIMENSION; j++) {
            v[j] = (float) (r.nextGaussian() * 0.05) + (s >= 0 && j % subjects.size() == s ? 1f : 0f);
        }
        return v;
    }

    private static float[] nan() {
        float[] v = new float[DIMENSION];
        Arrays.fill(v, Float.NaN);
        return v;
    }
}
