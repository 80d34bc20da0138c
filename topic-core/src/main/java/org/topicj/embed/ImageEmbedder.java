package org.topicj.embed;

import java.nio.file.Path;
import java.util.List;
import org.topicj.matrix.DenseMatrix;
import org.topicj.matrix.Matrix;
import org.topicj.progress.ProgressListener;

/**
 * An embedder that places images and texts in one vector space (CLIP and its kin), so documents
 * made of an image, a caption, or both can be clustered together.
 *
 * <p>Thread-safety: implementations must be safe to call from several threads at once.
 */
public interface ImageEmbedder extends Embedder {

    /**
     * Embeds image files.
     *
     * @param images image files (formats the backend documents)
     * @param progress told how many images are done
     * @return one row per image, in the same space as {@link #embed(List)}
     */
    Matrix embedImages(List<Path> images, ProgressListener progress);

    /**
     * Embeds documents made of a text, an image, or both. With both, row {@code i} is the
     * element-wise mean of the embedding of {@code texts.get(i)} and of {@code images.get(i)},
     * as BERTopic's multimodal backend does.
     *
     * @param texts the texts, or {@code null} for images only
     * @param images the images, or {@code null} for texts only
     * @param progress told how much is done
     * @return one row per document
     * @throws IllegalArgumentException if both are null, or both are given with different sizes
     */
    default Matrix embed(List<String> texts, List<Path> images, ProgressListener progress) {
        if (texts == null && images == null) {
            throw new IllegalArgumentException("give texts, images or both");
        }
        if (texts == null) {
            return embedImages(images, progress);
        }
        if (images == null) {
            return embed(texts, progress);
        }
        if (texts.size() != images.size()) {
            throw new IllegalArgumentException("texts and images pair up row by row, but there are "
                    + texts.size() + " texts and " + images.size() + " images");
        }
        float[] a = embed(texts, progress).toDense().rawData();
        float[] b = embedImages(images, progress).toDense().rawData();
        float[] mean = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            mean[i] = (a[i] + b[i]) / 2f;
        }
        return DenseMatrix.wrap(texts.size(), dimension(), mean);
    }
}
