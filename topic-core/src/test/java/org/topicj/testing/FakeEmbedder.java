package org.topicj.testing;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.topicj.embed.AbstractEmbedder;
import org.topicj.matrix.DenseMatrix;
import org.topicj.matrix.Matrix;
import org.topicj.progress.ProgressListener;

/**
 * A deterministic embedder for tests: each word gets a pseudo-random unit vector derived from a
 * hash of the word; a text is the L2-normalised sum of its words' vectors (all zeros when it has
 * no word). Texts sharing words are similar, so the whole pipeline can be tested without native
 * code or network. Not a language model: do not use it for real topics.
 */
public final class FakeEmbedder extends AbstractEmbedder {
    private static final Pattern WORD = Pattern.compile("\\w+", Pattern.UNICODE_CHARACTER_CLASS);

    /**
     * @param dimension columns of each vector
     * @param key the key that reopens it, or null
     */
    public FakeEmbedder(int dimension, String key) {
        super("fake-hash-" + dimension, dimension, true, key);
    }

    @Override
    protected Matrix embedChecked(List<String> texts, ProgressListener progress) {
        int d = dimension();
        float[] out = new float[texts.size() * d];
        for (int i = 0; i < texts.size(); i++) {
            Matcher m = WORD.matcher(texts.get(i).toLowerCase(Locale.ROOT));
            while (m.find()) {
                addWordVector(m.group(), out, i * d, d);
            }
            normalise(out, i * d, d);
            progress.update("embedding", i + 1, texts.size());
        }
        return DenseMatrix.wrap(texts.size(), d, out);
    }

    private static void addWordVector(String word, float[] out, int offset, int d) {
        long seed = 1125899906842597L;
        for (byte b : word.getBytes(StandardCharsets.UTF_8)) {
            seed = 31 * seed + b;
        }
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(seed);
        for (int j = 0; j < d; j++) {
            out[offset + j] += (float) rnd.nextGaussian();
        }
    }

    private static void normalise(float[] v, int offset, int d) {
        double sum = 0;
        for (int j = 0; j < d; j++) {
            sum += (double) v[offset + j] * v[offset + j];
        }
        if (sum > 0) {
            float inv = (float) (1 / Math.sqrt(sum));
            for (int j = 0; j < d; j++) {
                v[offset + j] *= inv;
            }
        }
    }
}
