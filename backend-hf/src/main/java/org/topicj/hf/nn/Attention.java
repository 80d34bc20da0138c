package org.topicj.hf.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Scaled dot-product attention on split heads, as transformers' eager attention: scores in the
 * model's type, the mask added and the softmax taken in float32, then back; grouped-query
 * attention repeats each key/value head for its group of query heads.
 *
 * <p>Thread-safety: stateless.
 */
final class Attention {
    private Attention() {
    }

    /**
     * @param x {@code [batch, width, heads * headDim]}
     * @param heads heads
     * @param headDim size of one head
     * @return {@code [batch, heads, width, headDim]}
     */
    static NDArray split(NDArray x, int heads, int headDim) {
        Shape s = x.getShape();
        return x.reshape(s.get(0), s.get(1), heads, headDim).transpose(0, 2, 1, 3);
    }

    /**
     * @param x {@code [batch, heads, width, headDim]}
     * @return {@code [batch, width, heads * headDim]}
     */
    static NDArray merge(NDArray x) {
        Shape s = x.getShape();
        return x.transpose(0, 2, 1, 3).reshape(s.get(0), s.get(2), s.get(1) * s.get(3));
    }

    /**
     * @param q queries {@code [batch, heads, width, headDim]}
     * @param k keys {@code [batch, kvHeads, width, headDim]}
     * @param v values, as keys
     * @param bias the additive float32 mask (and any position bias), broadcastable to the scores
     * @param scaling the factor on {@code q k^T}
     * @param softcap tanh soft-capping of the scores, or 0 for none
     * @param cast back to the model's type after the float32 softmax
     * @return {@code [batch, heads, width, headDim]}
     */
    static NDArray attend(NDArray q, NDArray k, NDArray v, NDArray bias, double scaling, double softcap, Cast cast) {
        int heads = (int) q.getShape().get(1);
        k = repeat(k, heads);
        v = repeat(v, heads);
        NDArray scores = q.matMul(k.transpose(0, 1, 3, 2)).mul((float) scaling);
        if (softcap > 0) {
            scores = scores.div((float) softcap).getNDArrayInternal().tanh().mul((float) softcap);
        }
        NDArray probs = cast.model(scores.toType(DataType.FLOAT32, false).add(bias).softmax(3));
        return probs.matMul(v);
    }

    private static NDArray repeat(NDArray kv, int heads) {
        Shape s = kv.getShape();
        long groups = heads / s.get(1);
        if (groups == 1) {
            return kv;
        }
        return kv.expandDims(2).broadcast(s.get(0), s.get(1), groups, s.get(2), s.get(3))
                .reshape(s.get(0), heads, s.get(2), s.get(3));
    }
}
