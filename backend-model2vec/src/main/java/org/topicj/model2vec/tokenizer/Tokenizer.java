package org.topicj.model2vec.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.topicj.embed.BackendInitializationException;

/**
 * A Hugging Face {@code tokenizer.json} read and run in pure Java: the ids that Python's
 * {@code tokenizers.Tokenizer.from_file(f).encode(text, add_special_tokens=False).ids} gives, with
 * no native library. Covers what Model2Vec and BERT/GPT/SentencePiece-style models use: normalizers
 * (BertNormalizer, NFC/NFD/NFKC/NFKD, Lowercase, StripAccents, Strip, Replace, Prepend, ByteLevel,
 * Sequence), pre-tokenizers (BertPreTokenizer, Whitespace, WhitespaceSplit, Metaspace, ByteLevel,
 * Split, Punctuation, Digits, CharDelimiterSplit, FixedLength, Sequence), models (WordPiece, BPE
 * with merges, byte-level and byte fallback, Unigram by Viterbi, WordLevel) and added tokens. A
 * component outside that list fails at load time with its name, never silently.
 *
 * <p>Truncation configured in the file applies ({@code max_length}, right or left), as in Python;
 * padding does not (it depends on the other texts of a batch), see {@link #pads()}. Post-processors
 * add special tokens only with {@code add_special_tokens=True}, so {@link #encode} ignores them;
 * {@link #prefixIds()} and {@link #suffixIds()} tell what they would add.
 *
 * <p>Thread-safety: immutable and safe for concurrent use.
 */
public final class Tokenizer {
    // Exact decimals, so Unigram scores can be rounded as the Rust library rounds them.
    private static final ObjectMapper JSON = com.fasterxml.jackson.databind.json.JsonMapper.builder()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(com.fasterxml.jackson.databind.cfg.JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    private final Normalizer normalizer;
    private final PreTokenizer preTokenizer;
    private final TokenModel model;
    private final AddedVocabulary added;
    private final Map<String, Integer> vocab;
    private final int truncation;
    private final boolean truncateLeft;
    private final boolean pads;
    private final int[] prefixIds;
    private final int[] suffixIds;
    private final String modelType;

    Tokenizer(TokenizerParser.Parts parts) {
        this.normalizer = parts.normalizer();
        this.preTokenizer = parts.preTokenizer();
        this.model = parts.model();
        this.added = new AddedVocabulary(parts.addedTokens(), parts.normalizer());
        Map<String, Integer> v = new HashMap<>(model.vocab());
        parts.addedTokens().forEach(t -> v.put(t.content(), t.id()));
        this.vocab = Collections.unmodifiableMap(v);
        this.truncation = parts.truncation();
        this.truncateLeft = parts.truncateLeft();
        this.pads = parts.pads();
        this.prefixIds = parts.prefixIds();
        this.suffixIds = parts.suffixIds();
        this.modelType = parts.modelType();
    }

    /**
     * Reads a {@code tokenizer.json}.
     *
     * @param file the file
     * @return the tokenizer
     * @throws BackendInitializationException if it cannot be read or uses a component this reader does not implement
     */
    public static Tokenizer read(Path file) {
        try {
            return fromJson(JSON.readTree(file.toFile()), file.toString());
        } catch (IOException e) {
            throw new BackendInitializationException("cannot read tokenizer " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * @param json the contents of a {@code tokenizer.json}
     * @return the tokenizer
     * @throws BackendInitializationException if it is malformed or uses an unimplemented component
     */
    public static Tokenizer parse(String json) {
        try {
            return fromJson(JSON.readTree(json), "tokenizer.json");
        } catch (IOException e) {
            throw new BackendInitializationException("malformed tokenizer.json: " + e.getMessage(), e);
        }
    }

    /**
     * @param root the parsed {@code tokenizer.json}
     * @param origin where it came from, for messages
     * @return the tokenizer
     */
    public static Tokenizer fromJson(JsonNode root, String origin) {
        try {
            return new Tokenizer(new TokenizerParser(origin).parse(root));
        } catch (IllegalArgumentException e) {
            throw new BackendInitializationException("tokenizer " + origin + ": " + e.getMessage(), e);
        }
    }

    /**
     * Encodes a text without special tokens.
     *
     * @param text the text
     * @return its token ids, cut to the file's truncation length if it has one
     */
    public int[] encode(String text) {
        IdList ids = new IdList();
        for (AddedVocabulary.Segment s : added.split(text, normalizer)) {
            if (s.isToken()) {
                ids.add(s.tokenId());
                continue;
            }
            List<Piece> pieces = List.of(new Piece(s.text(), s.atStart()));
            if (preTokenizer != null) {
                pieces = preTokenizer.apply(pieces);
            }
            for (Piece p : pieces) {
                if (!p.text().isEmpty()) {
                    model.tokenize(p.text(), ids);
                }
            }
        }
        int[] all = ids.toArray();
        if (truncation >= 0 && all.length > truncation) {
            return truncateLeft ? Arrays.copyOfRange(all, all.length - truncation, all.length) : Arrays.copyOf(all, truncation);
        }
        return all;
    }

    /** @return token to id, the added tokens included (Python's {@code get_vocab()}) */
    public Map<String, Integer> vocab() {
        return vocab;
    }

    /** @return the tokens ordered by id (ids without a token, if any, are skipped) */
    public List<String> tokensById() {
        List<Map.Entry<String, Integer>> entries = new ArrayList<>(vocab.entrySet());
        entries.sort(Map.Entry.comparingByValue());
        return entries.stream().map(Map.Entry::getKey).toList();
    }

    /** @return the model's unknown token, if it has one */
    public Optional<String> unkToken() {
        return Optional.ofNullable(model.unkToken());
    }

    /** @return the id of the model's unknown token, if it has one in the vocabulary */
    public OptionalInt unkTokenId() {
        String unk = model.unkToken();
        Integer id = unk == null ? null : vocab.get(unk);
        return id == null ? OptionalInt.empty() : OptionalInt.of(id);
    }

    /** @return the truncation length from the file, if any */
    public OptionalInt truncation() {
        return truncation >= 0 ? OptionalInt.of(truncation) : OptionalInt.empty();
    }

    /** @return whether the file asks for padding, which {@link #encode} does not apply */
    public boolean pads() {
        return pads;
    }

    /** @return the ids the post-processor puts before a single text with special tokens (e.g. {@code [CLS]}) */
    public int[] prefixIds() {
        return prefixIds.clone();
    }

    /** @return the ids the post-processor puts after a single text with special tokens (e.g. {@code [SEP]}) */
    public int[] suffixIds() {
        return suffixIds.clone();
    }

    /** @return the model type: WordPiece, BPE, Unigram or WordLevel */
    public String modelType() {
        return modelType;
    }
}
