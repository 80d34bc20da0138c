package org.topicj.topics;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.topicj.embed.ImageEmbedder;
import org.topicj.matrix.DenseMatrix;
import org.topicj.progress.ProgressListener;

/**
 * Documents made of a caption, an image, or both, embedded in one space: both give the element-wise
 * mean of the two vectors (as BERTopic's multimodal backend does), one gives its own vector. An image
 * the embedder marks missing (a NaN row, from a skip policy) leaves the caption alone; a document
 * with neither is an error that names it, never a row of zeros.
 */
final class MultimodalDocuments {
    final List<String> texts;
    final List<Path> images;
    final boolean[] hasImage;
    final DenseMatrix embeddings;

    private MultimodalDocuments(List<String> texts, List<Path> images, boolean[] hasImage, DenseMatrix embeddings) {
        this.texts = texts;
        this.images = images;
        this.hasImage = hasImage;
        this.embeddings = embeddings;
    }

    static MultimodalDocuments embed(ImageEmbedder embedder, List<String> captions, List<Path> images, ProgressListener progress) {
        Objects.requireNonNull(images, "images: give one entry per document, null where a document has no image");
        int n = images.size();
        if (n == 0) {
            throw new IllegalArgumentException("no documents: a topic model needs at least a few");
        }
        if (captions != null && captions.size() != n) {
            throw new IllegalArgumentException(captions.size() + " captions but " + n
                    + " images; they pair up document by document (null where a document has none)");
        }
        List<String> texts = new ArrayList<>(n);
        List<Integer> captioned = new ArrayList<>();
        List<Integer> pictured = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String c = captions == null ? null : captions.get(i);
            texts.add(c == null ? "" : c);
            if (c != null && !c.isBlank()) {
                captioned.add(i);
            }
            if (images.get(i) != null) {
                pictured.add(i);
            }
        }
        int d = embedder.dimension();
        float[] textRows = embedder.embed(captioned.stream().map(texts::get).toList(), progress).toDense().rawData();
        float[] imageRows = embedder.embedImages(pictured.stream().map(images::get).toList(), progress).toDense().rawData();
        float[] out = new float[n * d];
        boolean[] hasImage = new boolean[n];
        boolean[] hasText = new boolean[n];
        for (int k = 0; k < captioned.size(); k++) {
            hasText[captioned.get(k)] = true;
            System.arraycopy(textRows, k * d, out, captioned.get(k) * d, d);
        }
        for (int k = 0; k < pictured.size(); k++) {
            int i = pictured.get(k);
            if (Float.isNaN(imageRows[k * d])) {
                continue;
            }
            hasImage[i] = true;
            for (int j = 0; j < d; j++) {
                float v = imageRows[k * d + j];
                out[i * d + j] = hasText[i] ? (out[i * d + j] + v) / 2f : v;
            }
        }
        for (int i = 0; i < n; i++) {
            if (!hasText[i] && !hasImage[i]) {
                throw new IllegalArgumentException("document " + i + " has neither a caption nor a readable image"
                        + (images.get(i) != null ? " (" + images.get(i) + " was skipped)" : "") + "; remove it or give it one");
            }
        }
        return new MultimodalDocuments(texts, images, hasImage, DenseMatrix.wrap(n, d, out));
    }
}
