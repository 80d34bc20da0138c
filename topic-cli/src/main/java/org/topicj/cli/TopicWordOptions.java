package org.topicj.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.topicj.text.CountVectorizer;
import org.topicj.text.StopWords;
import org.topicj.topics.KeyBertInspired;
import org.topicj.topics.MaximalMarginalRelevance;
import org.topicj.topics.Representation;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * How {@code fit} turns documents into topic words: stop words (English ones by default when the
 * documents read as English), n-grams, minimum document frequency, and a representation.
 */
final class TopicWordOptions {
    /** Share of tokens that are English stop words above which a corpus counts as English (prose: 0.3 to 0.5). */
    static final double ENGLISH_SHARE = 0.15;

    @Option(names = "--stop-words", paramLabel = "auto|english|none|FILE", defaultValue = "auto",
            description = "Words left out of topic words: English's list, none, or a file with one word per line "
                    + "(default: ${DEFAULT-VALUE}: English when the documents read as English).")
    String stopWords;

    @Option(names = "--ngram-range", paramLabel = "MIN,MAX", defaultValue = "1,1",
            description = "Word n-grams in topic words, e.g. 1,2 (default: ${DEFAULT-VALUE}).")
    String ngramRange;

    @Option(names = "--min-df", paramLabel = "N", defaultValue = "1",
            description = "Keep terms in at least N topics' documents (default: ${DEFAULT-VALUE}).")
    int minDf;

    @Option(names = "--representation", paramLabel = "keybert|mmr",
            description = "Fine-tune topic words with the embedder: KeyBERT-inspired or maximal marginal relevance.")
    String representation;

    /** What was decided, for the summary: e.g. "English stop words (detected)". */
    String stopWordsUsed = "none";

    CountVectorizer vectorizer(CommandLine cmd, List<String> docs) {
        int[] range = ngrams(cmd);
        if (minDf < 1) {
            throw new CommandLine.ParameterException(cmd, "--min-df must be at least 1, got " + minDf);
        }
        return CountVectorizer.builder().ngramRange(range[0], range[1]).minDf(minDf).stopWords(stopWords(cmd, docs)).build();
    }

    Representation representation(CommandLine cmd) {
        if (representation == null) {
            return null;
        }
        return switch (representation.toLowerCase(Locale.ROOT)) {
            case "keybert" -> new KeyBertInspired();
            case "mmr" -> new MaximalMarginalRelevance();
            default -> throw new CommandLine.ParameterException(cmd, "--representation must be keybert or mmr, got '" + representation + "'");
        };
    }

    private int[] ngrams(CommandLine cmd) {
        String[] parts = ngramRange.split(",");
        try {
            int min = Integer.parseInt(parts[0].trim());
            int max = Integer.parseInt(parts[parts.length == 2 ? 1 : 0].trim());
            if (parts.length > 2 || min < 1 || max < min) {
                throw new NumberFormatException();
            }
            return new int[] {min, max};
        } catch (NumberFormatException e) {
            throw new CommandLine.ParameterException(cmd, "--ngram-range must be MIN,MAX with 1 <= MIN <= MAX, e.g. 1,2; got '"
                    + ngramRange + "'");
        }
    }

    private Set<String> stopWords(CommandLine cmd, List<String> docs) {
        switch (stopWords.toLowerCase(Locale.ROOT)) {
            case "none" -> {
                stopWordsUsed = "none";
                return Set.of();
            }
            case "english" -> {
                stopWordsUsed = "English";
                return StopWords.english();
            }
            case "auto" -> {
                boolean english = looksEnglish(docs);
                stopWordsUsed = english ? "English (the documents read as English; --stop-words none keeps them)" : "none";
                return english ? StopWords.english() : Set.of();
            }
            default -> {
                Path file = Path.of(stopWords);
                if (!Files.isRegularFile(file)) {
                    throw new CommandLine.ParameterException(cmd, "--stop-words must be auto, english, none or a file of words; "
                            + file + " does not exist");
                }
                try {
                    Set<String> words = new HashSet<>();
                    for (String line : Files.readAllLines(file)) {
                        if (!line.isBlank() && !line.startsWith("#")) {
                            words.add(line.strip().toLowerCase(Locale.ROOT));
                        }
                    }
                    stopWordsUsed = words.size() + " words from " + file;
                    return words;
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
                }
            }
        }
    }

    /** English prose is full of "the", "of", "and": the share of such tokens tells, on a sample of documents. */
    static boolean looksEnglish(List<String> docs) {
        Set<String> stop = StopWords.english();
        long tokens = 0;
        long hits = 0;
        int step = Math.max(1, docs.size() / 2000);
        for (int i = 0; i < docs.size(); i += step) {
            for (String t : docs.get(i).toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}']+")) {
                if (!t.isEmpty()) {
                    tokens++;
                    hits += stop.contains(t) ? 1 : 0;
                }
            }
        }
        return tokens > 0 && (double) hits / tokens >= ENGLISH_SHARE;
    }
}
