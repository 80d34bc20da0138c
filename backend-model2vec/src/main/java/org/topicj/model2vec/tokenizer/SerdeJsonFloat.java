package org.topicj.model2vec.tokenizer;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * A decimal number turned into a double the way {@code serde_json} does by default (without its
 * {@code float_roundtrip} feature), which is how the Rust {@code tokenizers} library reads a
 * Unigram model's scores: the digits as an unsigned 64-bit integer (digits beyond that ignored),
 * converted to a double, then one multiplication or division by a power of ten. That is not always
 * the correctly rounded double (Java's parse) but can be one unit in the last place off, and
 * near-ties between segmentations then go the other way. Reading scores like this keeps Viterbi's
 * choices identical to Python's.
 *
 * <p>Thread-safety: stateless.
 */
final class SerdeJsonFloat {
    private static final BigInteger U64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
    private static final double[] POW10 = new double[309];

    static {
        for (int i = 0; i < POW10.length; i++) {
            POW10[i] = Double.parseDouble("1e" + i);
        }
    }

    private SerdeJsonFloat() {
    }

    /**
     * @param value the number exactly as written in the JSON (its scale as written)
     * @return the double serde_json would produce
     */
    static double toDouble(BigDecimal value) {
        boolean positive = value.signum() >= 0;
        String digits = value.unscaledValue().abs().toString();
        int exponent = -value.scale();
        BigInteger significand = BigInteger.ZERO;
        for (int i = 0; i < digits.length(); i++) {
            BigInteger next = significand.multiply(BigInteger.TEN).add(BigInteger.valueOf(digits.charAt(i) - '0'));
            if (next.compareTo(U64_MAX) > 0) {
                exponent += digits.length() - i;
                break;
            }
            significand = next;
        }
        double f = significand.doubleValue();
        while (true) {
            int e = Math.abs(exponent);
            if (e < POW10.length) {
                f = exponent >= 0 ? f * POW10[e] : f / POW10[e];
                break;
            }
            if (f == 0.0 || exponent >= 0) {
                break;
            }
            f /= 1e308;
            exponent += 308;
        }
        return positive ? f : -f;
    }
}
