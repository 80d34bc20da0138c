package org.topicj.hf;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.topicj.embed.BackendInitializationException;
import org.topicj.hf.nn.Architectures;
import org.topicj.hf.nn.ModelConfig;
import org.topicj.spi.support.HubFiles;
import org.topicj.spi.support.SentenceTransformerModules;
import org.topicj.spi.support.TokenPooling;

/**
 * A Hugging Face model folder (or cache snapshot) for the safetensors engine: where the
 * transformer lives (the folder, or a sentence-transformers folder's Transformer module), its
 * {@code config.json} and {@code tokenizer.json}, and what turns token vectors into one vector:
 * the folder's sentence-transformers modules, or for a plain transformer folder what BERTopic's
 * {@code pipeline("feature-extraction")} does (mean pooling, then L2 normalisation; last-token
 * pooling for decoder embedders such as Qwen3).
 *
 * @param folder the folder given
 * @param transformer the folder holding config.json, the weights and the tokenizer
 * @param config the transformer's config
 * @param tokenizer its tokenizer.json
 * @param modules pooling, Dense layers, normalisation, prompts and the length limit (not yet capped at the model's positions)
 * @param sentenceTransformers whether the folder has a modules.json
 */
record TransformerFolder(Path folder, Path transformer, ModelConfig config, Path tokenizer,
                         SentenceTransformerModules modules, boolean sentenceTransformers) {

    /**
     * @param folder a model folder
     * @return what it holds
     * @throws BackendInitializationException if it lacks config.json or tokenizer.json, or names an unsupported architecture
     */
    static TransformerFolder read(Path folder) {
        Path transformer = SentenceTransformerModules.transformerFolder(folder);
        ModelConfig config = ModelConfig.read(transformer);
        Architectures.check(config);
        Path tokenizer = transformer.resolve("tokenizer.json");
        if (!Files.isRegularFile(tokenizer)) {
            throw new BackendInitializationException("model folder " + transformer + " has no tokenizer.json; save the "
                    + "fast tokenizer there (AutoTokenizer.from_pretrained(ID).save_pretrained(DIR))");
        }
        boolean st = Files.isRegularFile(folder.resolve("modules.json"));
        int tokenizerLimit = HubFiles.tokenizerMaxLength(transformer).orElse(Integer.MAX_VALUE);
        SentenceTransformerModules modules = st
                ? SentenceTransformerModules.read(folder, tokenizerLimit)
                : SentenceTransformerModules.normalized(plainPooling(config), Math.max(2, tokenizerLimit));
        return new TransformerFolder(folder, transformer, config, tokenizer, modules, st);
    }

    /** Decoder embedders summarise a text in its last token; encoders are mean-pooled. */
    static TokenPooling plainPooling(ModelConfig config) {
        return config.modelType().toLowerCase(Locale.ROOT).equals("qwen3") ? TokenPooling.LAST_TOKEN : TokenPooling.MEAN;
    }

    /** @return the pad id sequences are padded with (masked, so any id in the vocabulary works) */
    long padId() {
        int id = config.integer("pad_token_id", 0);
        return id >= 0 && id < config.integer("vocab_size", Integer.MAX_VALUE) ? id : 0;
    }
}
