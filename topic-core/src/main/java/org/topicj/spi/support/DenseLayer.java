package org.topicj.spi.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.topicj.embed.BackendInitializationException;

/**
 * sentence-transformers' {@code Dense} module: {@code y = activation(W x + b)}, read from the
 * module folder's {@code config.json} and {@code model.safetensors}.
 *
 * @param in input size
 * @param out output size
 * @param weight {@code out x in}, row-major
 * @param bias {@code out} values, or null
 * @param tanh whether the activation is tanh (otherwise identity)
 */
public record DenseLayer(int in, int out, float[] weight, float[] bias, boolean tanh) {

    /**
     * @param folder the module folder
     * @return the layer
     * @throws BackendInitializationException if the folder is incomplete, pickled, or has another activation
     */
    public static DenseLayer read(Path folder) {
        Path configFile = folder.resolve("config.json");
        JsonNode config = HubFiles.json(configFile).orElseThrow(() ->
                new BackendInitializationException("Dense module folder " + folder + " has no config.json"));
        int in = config.path("in_features").asInt();
        int out = config.path("out_features").asInt();
        String activation = config.path("activation_function").asText("torch.nn.modules.activation.Tanh");
        boolean tanh = activation.endsWith("Tanh");
        if (!tanh && !activation.endsWith("Identity")) {
            throw new BackendInitializationException(configFile + ": Dense activation '" + activation
                    + "' is not supported; supported: Tanh, Identity");
        }
        Path weights = folder.resolve("model.safetensors");
        if (!Files.isRegularFile(weights)) {
            throw new BackendInitializationException("Dense module folder " + folder + " has no model.safetensors"
                    + (Files.exists(folder.resolve("pytorch_model.bin"))
                    ? "; pytorch_model.bin is a pickle, which TopicJ does not load: re-save the model with safetensors" : ""));
        }
        Map<String, SafeTensors.Tensor> tensors = SafeTensors.read(weights);
        SafeTensors.Tensor w = tensors.get("linear.weight");
        if (w == null || w.values().length != (long) in * out) {
            throw new BackendInitializationException(weights + ": expected tensor 'linear.weight' of " + out + " x " + in
                    + ", found " + (w == null ? "none; tensors: " + tensors.keySet() : Arrays.toString(w.shape())));
        }
        SafeTensors.Tensor b = tensors.get("linear.bias");
        if (config.path("bias").asBoolean(true) && (b == null || b.values().length != out)) {
            throw new BackendInitializationException(weights + ": expected tensor 'linear.bias' of " + out + " values");
        }
        return new DenseLayer(in, out, w.values(), b == null ? null : b.values(), tanh);
    }

    /**
     * @param x {@link #in()} values
     * @return {@link #out()} values
     */
    public float[] apply(float[] x) {
        float[] y = new float[out];
        for (int o = 0; o < out; o++) {
            double s = bias == null ? 0 : bias[o];
            int row = o * in;
            for (int i = 0; i < in; i++) {
                s += (double) weight[row + i] * x[i];
            }
            y[o] = (float) (tanh ? Math.tanh(s) : s);
        }
        return y;
    }
}
