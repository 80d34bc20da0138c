package org.topicj.sklearn;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import org.topicj.matrix.Matrix;
import org.topicj.matrix.SparseMatrix;
import org.topicj.text.CountVectorizer;

/**
 * scikit-learn's {@code HashingVectorizer}: each term goes to column
 * {@code |murmurhash3_32(term, seed 0)| mod nFeatures}, with the hash's sign when
 * {@code alternateSign} (default), rows normalised (l2 default). Stateless: nothing is learnt, so
 * it embeds any stream of documents consistently, the building block for online use.
 *
 * @param counting tokenisation options (its document-frequency options are ignored)
 * @param nFeatures number of columns (default 2^20)
 * @param alternateSign sign terms by the hash (default true)
 * @param norm "l2" (default), "l1" or "none"
 */
public record HashingVectorizer(CountVectorizer counting, int nFeatures, boolean alternateSign, String norm) implements TextStep {

    /** scikit-learn's defaults. */
    public HashingVectorizer() {
        this(CountVectorizer.builder().build(), 1 << 20, true, "l2");
    }

    /** Checks the options. */
    public HashingVectorizer {
        if (nFeatures < 1) {
            throw new IllegalArgumentException("n_features must be positive, got " + nFeatures);
        }
        norm = norm.toLowerCase(Locale.ROOT);
        if (!List.of("l1", "l2", "none").contains(norm)) {
            throw new IllegalArgumentException("norm must be l1, l2 or none, got '" + norm + "'");
        }
    }

    @Override
    public boolean stateless() {
        return true;
    }

    @Override
    public Fitted fit(List<String> documents) {
        return new Fitted() {
            @Override
            public Matrix transform(List<String> docs) {
                return hash(docs);
            }

            @Override
            public int dimension() {
                return nFeatures;
            }
        };
    }

    /** @return the hashed rows of the documents (no fitting needed) */
    public SparseMatrix hash(List<String> docs) {
        int n = docs.size();
        int[] indptr = new int[n + 1];
        java.util.List<int[]> colsPerRow = new java.util.ArrayList<>();
        java.util.List<float[]> valsPerRow = new java.util.ArrayList<>();
        for (int r = 0; r < n; r++) {
            TreeMap<Integer, Double> row = new TreeMap<>();
            for (String term : counting.analyze(docs.get(r))) {
                int h = murmur3(term.getBytes(StandardCharsets.UTF_8), 0);
                int col = (int) (Math.abs((long) h) % nFeatures);
                row.merge(col, alternateSign && h < 0 ? -1.0 : 1.0, Double::sum);
            }
            row.values().removeIf(v -> v == 0);
            double l1 = 0;
            double l2 = 0;
            for (double v : row.values()) {
                l1 += Math.abs(v);
                l2 += v * v;
            }
            double scale = switch (norm) {
                case "l1" -> l1 > 0 ? 1 / l1 : 1;
                case "l2" -> l2 > 0 ? 1 / Math.sqrt(l2) : 1;
                default -> 1;
            };
            int[] cols = row.keySet().stream().mapToInt(Integer::intValue).toArray();
            float[] vals = new float[cols.length];
            int k = 0;
            for (double v : row.values()) {
                vals[k++] = (float) (v * scale);
            }
            colsPerRow.add(cols);
            valsPerRow.add(vals);
            indptr[r + 1] = indptr[r] + cols.length;
        }
        int[] indices = new int[indptr[n]];
        float[] data = new float[indptr[n]];
        for (int r = 0; r < n; r++) {
            System.arraycopy(colsPerRow.get(r), 0, indices, indptr[r], colsPerRow.get(r).length);
            System.arraycopy(valsPerRow.get(r), 0, data, indptr[r], valsPerRow.get(r).length);
        }
        return SparseMatrix.wrap(n, nFeatures, indptr, indices, data);
    }

    /** MurmurHash3 x86 32-bit, as scikit-learn's murmurhash3_32 (signed result). */
    static int murmur3(byte[] data, int seed) {
        int h = seed;
        int len = data.length;
        int blocks = len / 4;
        for (int i = 0; i < blocks; i++) {
            int k = (data[4 * i] & 0xff) | (data[4 * i + 1] & 0xff) << 8 | (data[4 * i + 2] & 0xff) << 16 | (data[4 * i + 3] & 0xff) << 24;
            k *= 0xcc9e2d51;
            k = Integer.rotateLeft(k, 15);
            k *= 0x1b873593;
            h ^= k;
            h = Integer.rotateLeft(h, 13);
            h = h * 5 + 0xe6546b64;
        }
        int k = 0;
        int tail = blocks * 4;
        switch (len & 3) {
            case 3:
                k ^= (data[tail + 2] & 0xff) << 16;
                // fall through
            case 2:
                k ^= (data[tail + 1] & 0xff) << 8;
                // fall through
            case 1:
                k ^= data[tail] & 0xff;
                k *= 0xcc9e2d51;
                k = Integer.rotateLeft(k, 15);
                k *= 0x1b873593;
                h ^= k;
                break;
            default:
                break;
        }
        h ^= len;
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h;
    }
}
