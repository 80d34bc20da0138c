package org.topicj.hf.nn;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValue;
import ai.djl.pytorch.jni.IValueUtils;
import java.io.IOException;
import java.io.InputStream;
import org.topicj.embed.BackendInitializationException;

/**
 * Casts float32 arrays to a model's {@link Precision}. For bfloat16 this runs a scripted
 * {@code x.to(torch.bfloat16)} ({@code bfloat16_cast.pt}, made by the script beside it): DJL 0.36's
 * PyTorch JNI cannot name bfloat16 (its dtype mapping ends at bool and calls std::terminate), though
 * arrays that are bfloat16 work with every operation and cast back to float32. DJL reports such
 * arrays' type as unknown, so code asks this object, never {@code getDataType()}, for the model's type.
 *
 * <p>Thread-safety: safe; the scripted module is stateless and only run.
 */
final class Cast implements AutoCloseable {
    private final Precision precision;
    private final Model module;
    private final PtSymbolBlock block;

    private Cast(Precision precision, Model module) {
        this.precision = precision;
        this.module = module;
        this.block = module == null ? null : (PtSymbolBlock) module.getBlock();
    }

    /**
     * @param precision the model's precision
     * @return a cast to it
     * @throws BackendInitializationException if the bfloat16 module cannot be loaded
     */
    static Cast to(Precision precision) {
        if (precision == Precision.FLOAT32) {
            return new Cast(precision, null);
        }
        Model m = Model.newInstance("bfloat16-cast", "PyTorch");
        try (InputStream in = Cast.class.getResourceAsStream("bfloat16_cast.pt")) {
            if (in == null) {
                throw new IOException("resource org/topicj/hf/nn/bfloat16_cast.pt is missing from the class path");
            }
            m.load(in);
            return new Cast(precision, m);
        } catch (IOException | MalformedModelException | RuntimeException e) {
            m.close();
            throw new BackendInitializationException("cannot load the bfloat16 cast for dtype=bfloat16: " + e.getMessage(), e);
        }
    }

    /** @return the model's precision */
    Precision precision() {
        return precision;
    }

    /**
     * @param x an array of any float type
     * @return it in the model's precision, in x's manager
     */
    NDArray model(NDArray x) {
        if (precision == Precision.FLOAT32) {
            return x.toType(DataType.FLOAT32, false);
        }
        IValue in = IValue.from((PtNDArray) x.toType(DataType.FLOAT32, false));
        try (IValue out = IValueUtils.forward(block, new IValue[] {in})) {
            return out.toTensor((PtNDManager) x.getManager());
        } finally {
            in.close();
        }
    }

    @Override
    public void close() {
        if (module != null) {
            module.close();
        }
    }
}
