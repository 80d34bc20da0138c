package org.topicj.sklearn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.topicj.TopicJException;
import org.topicj.io.ModelFiles;
import org.topicj.matrix.DenseMatrix;
import org.topicj.matrix.Npy;

/**
 * Saves and restores a fitted pipeline: {@code pipeline.json} (the spec, the vocabulary) and
 * {@code .npy} arrays (idf, SVD components, scaler statistics). The step structure comes from the
 * spec, so only what was learnt is stored.
 */
final class PipelineState {
    private static final String FORMAT = "topicj-sklearn-pipeline";

    private PipelineState() {
    }

    static void save(String spec, Pipeline.Fitted fitted, Path dir) {
        ModelFiles.mkdirs(dir);
        ObjectNode j = ModelFiles.object();
        j.put("format", FORMAT).put("version", 1).put("spec", spec).put("dimension", fitted.dimension());
        if (fitted.text() instanceof TfidfVectorizer.FittedTfidf t) {
            ArrayNode terms = j.putArray("vocabulary");
            t.vocabulary().terms().forEach(terms::add);
            Npy.writeDoubles(dir.resolve("idf.npy"), t.idf());
        } else if (fitted.text() instanceof CountStep.FittedCount c) {
            ArrayNode terms = j.putArray("vocabulary");
            c.vocabulary().terms().forEach(terms::add);
        }
        for (int i = 0; i < fitted.steps().size(); i++) {
            MatrixStep.Fitted f = fitted.steps().get(i);
            if (f instanceof TruncatedSvd.FittedSvd svd) {
                Npy.write(dir.resolve("step" + i + "_components.npy"), svd.components());
                Npy.writeDoubles(dir.resolve("step" + i + "_singular_values.npy"), svd.singularValues());
            } else if (f instanceof StandardScaler.FittedScaler sc) {
                Npy.writeDoubles(dir.resolve("step" + i + "_mean.npy"), sc.mean());
                Npy.writeDoubles(dir.resolve("step" + i + "_scale.npy"), sc.scale());
            } else if (!(f instanceof Normalizer.FittedNormalizer)) {
                throw new IllegalStateException("pipeline '" + spec + "': step " + (i + 1) + " (" + f.getClass().getName()
                        + ") cannot be saved; only built-in and stateless steps are saved with a model");
            }
        }
        ModelFiles.writeJson(dir.resolve("pipeline.json"), j);
    }

    static Pipeline.Fitted restore(String spec, Pipeline pipeline, Path dir) {
        Path file = dir.resolve("pipeline.json");
        JsonNode j = ModelFiles.readJson(file, FORMAT, 1);
        if (!spec.equals(j.path("spec").asText())) {
            throw new TopicJException(file + " holds pipeline '" + j.path("spec").asText() + "', not '" + spec + "'");
        }
        TextStep.Fitted text;
        if (pipeline.first() instanceof TfidfVectorizer t) {
            text = new TfidfVectorizer.FittedTfidf(t, t.counting().vocabulary(terms(j, file)),
                    Npy.readDoubles(ModelFiles.requireFile(dir.resolve("idf.npy"))));
        } else if (pipeline.first() instanceof CountStep c) {
            text = new CountStep.FittedCount(c.counting().vocabulary(terms(j, file)));
        } else if (pipeline.first().stateless()) {
            text = pipeline.first().fit(List.of());
        } else {
            throw new TopicJException("pipeline '" + spec + "': its first step cannot be restored from " + dir);
        }
        List<MatrixStep.Fitted> steps = new ArrayList<>();
        for (int i = 0; i < pipeline.rest().size(); i++) {
            MatrixStep s = pipeline.rest().get(i);
            if (s instanceof TruncatedSvd || s instanceof IncrementalSvd) {
                DenseMatrix components = Npy.readMatrix(ModelFiles.requireFile(dir.resolve("step" + i + "_components.npy")));
                steps.add(new TruncatedSvd.FittedSvd(components,
                        Npy.readDoubles(ModelFiles.requireFile(dir.resolve("step" + i + "_singular_values.npy")))));
            } else if (s instanceof StandardScaler) {
                steps.add(new StandardScaler.FittedScaler(Npy.readDoubles(ModelFiles.requireFile(dir.resolve("step" + i + "_mean.npy"))),
                        Npy.readDoubles(ModelFiles.requireFile(dir.resolve("step" + i + "_scale.npy")))));
            } else {
                steps.add(s.fit(DenseMatrix.zeros(0, 0)));
            }
        }
        return new Pipeline.Fitted(text, steps, null, ModelFiles.require(j, "dimension", file).asInt());
    }

    private static List<String> terms(JsonNode j, Path file) {
        List<String> terms = new ArrayList<>();
        ModelFiles.require(j, "vocabulary", file).forEach(t -> terms.add(t.asText()));
        return terms;
    }
}
