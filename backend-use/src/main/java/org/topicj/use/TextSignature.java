package org.topicj.use;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.tensorflow.Signature;
import org.tensorflow.Signature.TensorDescription;
import org.tensorflow.proto.DataType;
import org.topicj.embed.BackendInitializationException;

/**
 * The SavedModel signature that embeds text: one input, a 1-d string tensor, and a float matrix
 * output. Names come from the model (USE's are {@code inputs} and {@code outputs} under
 * {@code serving_default}), never from code.
 *
 * @param key the signature key
 * @param input the input name within the signature
 * @param output the output name within the signature
 * @param dimension the output's column count, or -1 when the model leaves it open
 */
record TextSignature(String key, String input, String output, int dimension) {
    static final String SERVING_DEFAULT = "serving_default";

    /**
     * Chooses the text signature.
     *
     * @param signatures the model's signatures
     * @param wantedKey the {@code signature} option, or {@code null}
     * @param wantedOutput the {@code output} option, or {@code null}
     * @param model the model, for messages
     * @return the signature to call
     */
    static TextSignature choose(List<Signature> signatures, String wantedKey, String wantedOutput, String model) {
        if (wantedKey != null) {
            Signature s = signatures.stream().filter(x -> x.key().equals(wantedKey)).findFirst()
                    .orElseThrow(() -> error(model, "has no signature '" + wantedKey + "'", signatures));
            return of(s, wantedOutput, model, signatures);
        }
        List<Signature> fitting = new ArrayList<>();
        for (Signature s : signatures) {
            if (stringInput(s) != null && !floatMatrixOutputs(s).isEmpty()) {
                fitting.add(s);
            }
        }
        if (fitting.isEmpty()) {
            throw error(model, "has no signature that takes a 1-d string tensor and returns a float matrix", signatures);
        }
        Signature chosen = fitting.stream().filter(s -> s.key().equals(SERVING_DEFAULT)).findFirst()
                .orElseGet(() -> {
                    if (fitting.size() > 1) {
                        throw error(model, "has several text signatures (" + fitting.stream().map(Signature::key)
                                .collect(Collectors.joining(", ")) + "); choose one with the option signature=KEY", signatures);
                    }
                    return fitting.get(0);
                });
        return of(chosen, wantedOutput, model, signatures);
    }

    private static TextSignature of(Signature s, String wantedOutput, String model, List<Signature> all) {
        String input = stringInput(s);
        if (input == null) {
            throw error(model, "signature '" + s.key() + "' does not take exactly one 1-d string tensor", all);
        }
        List<String> outputs = floatMatrixOutputs(s);
        String output;
        if (wantedOutput != null) {
            if (!outputs.contains(wantedOutput)) {
                throw error(model, "signature '" + s.key() + "' has no float matrix output '" + wantedOutput + "'", all);
            }
            output = wantedOutput;
        } else if (outputs.size() == 1) {
            output = outputs.get(0);
        } else if (outputs.isEmpty()) {
            throw error(model, "signature '" + s.key() + "' returns no float matrix", all);
        } else {
            throw error(model, "signature '" + s.key() + "' returns several float matrices " + outputs
                    + "; choose one with the option output=NAME", all);
        }
        long cols = s.getOutputs().get(output).shape.numDimensions() == 2 ? s.getOutputs().get(output).shape.get(1) : -1;
        return new TextSignature(s.key(), input, output, cols > 0 ? (int) cols : -1);
    }

    private static String stringInput(Signature s) {
        Map<String, TensorDescription> inputs = s.getInputs();
        if (inputs.size() != 1) {
            return null;
        }
        Map.Entry<String, TensorDescription> only = inputs.entrySet().iterator().next();
        TensorDescription d = only.getValue();
        boolean vector = d.shape.isUnknown() || d.shape.numDimensions() == 1;
        return d.dataType == DataType.DT_STRING && vector ? only.getKey() : null;
    }

    private static List<String> floatMatrixOutputs(Signature s) {
        return s.getOutputs().entrySet().stream()
                .filter(e -> e.getValue().dataType == DataType.DT_FLOAT
                        && (e.getValue().shape.isUnknown() || e.getValue().shape.numDimensions() == 2))
                .map(Map.Entry::getKey).sorted().toList();
    }

    private static BackendInitializationException error(String model, String problem, List<Signature> all) {
        return new BackendInitializationException("SavedModel '" + model + "' " + problem + "; its signatures: "
                + (all.isEmpty() ? "none (re-export it with a serving signature, e.g. "
                        + "tf.saved_model.save(module, dir, signatures=...))" : describe(all)));
    }

    static String describe(List<Signature> signatures) {
        return signatures.stream().map(s -> s.key() + "(" + describe(s.getInputs()) + ") -> (" + describe(s.getOutputs()) + ")")
                .collect(Collectors.joining("; "));
    }

    private static String describe(Map<String, TensorDescription> tensors) {
        return tensors.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + ": " + e.getValue().dataType.name().replace("DT_", "").toLowerCase()
                        + e.getValue().shape)
                .collect(Collectors.joining(", "));
    }
}
