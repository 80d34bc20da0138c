package org.topicj.use;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.SessionFunction;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.strings.StringSplit;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;

/**
 * A tiny USE-shaped SavedModel built with TensorFlow Java: a batch of strings, split on runs of ASCII
 * whitespace (StringSplitV2 with an empty separator, as Python's {@code str.split()}),
 * each word hashed into a bucket (TensorFlow's StringToHashBucketStrong: keyed SipHash-2-4), the
 * bucket's row of a seeded random table looked up, and the rows averaged per text (zeros for a text
 * with no words). {@link #expected(String)} computes the same by hand, without TensorFlow.
 */
final class UseFixture {
    static final int BUCKETS = 97;
    static final int DIM = 16;
    static final long K0 = 0x0706050403020100L;
    static final long K1 = 0x0f0e0d0c0b0a0908L;

    final float[][] table;

    UseFixture(long seed) {
        Random r = new Random(seed);
        table = new float[BUCKETS][DIM];
        for (float[] row : table) {
            for (int j = 0; j < DIM; j++) {
                row[j] = (float) r.nextGaussian();
            }
        }
    }

    /** Exports the model with a {@code serving_default} signature {@code inputs -> outputs}. */
    void export(Path dir) throws IOException {
        export(dir, "serving_default", "inputs", "outputs");
    }

    void export(Path dir, String signatureKey, String inputName, String outputName) throws IOException {
        try (Graph g = new Graph(); Session s = new Session(g)) {
            Ops tf = Ops.create(g);
            Placeholder<TString> in = tf.placeholder(TString.class, Placeholder.shape(Shape.of(-1)));
            StringSplit split = tf.strings.stringSplit(in, tf.constant(""));
            Operand<TInt64> rows = tf.reshape(tf.slice(split.indices(), tf.constant(new long[] {0, 0}),
                    tf.constant(new long[] {-1, 1})), tf.constant(new long[] {-1}));
            Operand<TInt64> buckets = tf.strings.toHashBucketStrong(split.values(), (long) BUCKETS, List.of(K0, K1));
            Operand<TInt64> count = tf.reshape(tf.shape(in, TInt64.class), tf.constant(new long[0]));
            Operand<TFloat32> mean = tf.sparse.sparseSegmentMeanWithNumSegments(tf.constant(table), buckets, rows, count);
            Signature sig = Signature.builder(signatureKey).input(inputName, in).output(outputName, mean).build();
            SavedModelBundle.exporter(dir.toString()).withFunction(SessionFunction.create(sig, s)).export();
        }
    }

    /** Exports a model whose only signature takes floats, which no text embedder can call. */
    static void exportFloatModel(Path dir) throws IOException {
        try (Graph g = new Graph(); Session s = new Session(g)) {
            Ops tf = Ops.create(g);
            Placeholder<TFloat32> x = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 3)));
            Operand<TFloat32> y = tf.math.mul(x, tf.constant(2f));
            Signature sig = Signature.builder("serving_default").input("x", x).output("y", y).build();
            SavedModelBundle.exporter(dir.toString()).withFunction(SessionFunction.create(sig, s)).export();
        }
    }

    /** The vector the model must return for a text, computed without TensorFlow. */
    float[] expected(String text) {
        double[] sum = new double[DIM];
        int n = 0;
        for (String word : text.split("[ \\t\\n\\x0B\\f\\r]+")) {
            if (word.isEmpty()) {
                continue;
            }
            long hash = sipHash24(K0, K1, word.getBytes(StandardCharsets.UTF_8));
            float[] row = table[(int) Long.remainderUnsigned(hash, BUCKETS)];
            for (int j = 0; j < DIM; j++) {
                sum[j] += row[j];
            }
            n++;
        }
        float[] v = new float[DIM];
        for (int j = 0; j < DIM; j++) {
            v[j] = n == 0 ? 0f : (float) (sum[j] / n);
        }
        return v;
    }

    /** SipHash-2-4 (Aumasson and Bernstein), the keyed hash behind TensorFlow's strong hash buckets. */
    static long sipHash24(long k0, long k1, byte[] data) {
        long v0 = k0 ^ 0x736f6d6570736575L;
        long v1 = k1 ^ 0x646f72616e646f6dL;
        long v2 = k0 ^ 0x6c7967656e657261L;
        long v3 = k1 ^ 0x7465646279746573L;
        int end = data.length - data.length % 8;
        long[] v = {v0, v1, v2, v3};
        for (int i = 0; i < end; i += 8) {
            compress(v, littleEndian(data, i, 8));
        }
        long last = ((long) data.length & 0xff) << 56 | littleEndian(data, end, data.length - end);
        compress(v, last);
        v[2] ^= 0xff;
        for (int r = 0; r < 4; r++) {
            round(v);
        }
        return v[0] ^ v[1] ^ v[2] ^ v[3];
    }

    private static void compress(long[] v, long m) {
        v[3] ^= m;
        round(v);
        round(v);
        v[0] ^= m;
    }

    private static void round(long[] v) {
        v[0] += v[1];
        v[1] = Long.rotateLeft(v[1], 13);
        v[1] ^= v[0];
        v[0] = Long.rotateLeft(v[0], 32);
        v[2] += v[3];
        v[3] = Long.rotateLeft(v[3], 16);
        v[3] ^= v[2];
        v[0] += v[3];
        v[3] = Long.rotateLeft(v[3], 21);
        v[3] ^= v[0];
        v[2] += v[1];
        v[1] = Long.rotateLeft(v[1], 17);
        v[1] ^= v[2];
        v[2] = Long.rotateLeft(v[2], 32);
    }

    private static long littleEndian(byte[] b, int from, int len) {
        long x = 0;
        for (int i = len - 1; i >= 0; i--) {
            x = x << 8 | (b[from + i] & 0xff);
        }
        return x;
    }
}
