package org.topicj.text;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns documents into term counts with scikit-learn's {@code CountVectorizer} semantics:
 * lower-casing, the token pattern {@code \b\w\w+\b} (Unicode word characters), optional stop
 * words (removed before n-grams are formed), word n-grams, document-frequency bounds as counts
 * or fractions, a cap on the number of terms by total frequency, and a fixed vocabulary. Terms
 * are sorted alphabetically, as scikit-learn does.
 *
 * <pre>{@code
 * Vocabulary vocab = CountVectorizer.builder().stopWords(StopWords.english()).minDf(2).build().fit(docs);
 * SparseMatrix counts = vocab.transform(docs);
 * }</pre>
 *
 * <p>Thread-safety: immutable.
 */
public final class CountVectorizer {
    /** scikit-learn's default token pattern. */
    public static final String DEFAULT_TOKEN_PATTERN = "\\b\\w\\w+\\b";

    private final boolean lowercase;
    private final Pattern tokenPattern;
    private final int minN;
    private final int maxN;
    private final Set<String> stopWords;
    private final Number minDf;
    private final Number maxDf;
    private final Integer maxFeatures;
    private final List<String> fixedVocabulary;

    private CountVectorizer(Builder b) {
        this.lowercase = b.lowercase;
        this.tokenPattern = Pattern.compile(b.tokenPattern, Pattern.UNICODE_CHARACTER_CLASS);
        this.minN = b.minN;
        this.maxN = b.maxN;
        this.stopWords = Set.copyOf(b.stopWords);
        this.minDf = b.minDf;
        this.maxDf = b.maxDf;
        this.maxFeatures = b.maxFeatures;
        this.fixedVocabulary = b.vocabulary == null ? null : List.copyOf(b.vocabulary);
    }

    /** @return a builder with scikit-learn's defaults */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @param terms a vocabulary learnt earlier
     * @return the vocabulary these options and terms give, without refitting (for restoring saved models)
     */
    public Vocabulary vocabulary(List<String> terms) {
        return new Vocabulary(this, terms);
    }

    /** @return whether documents are lower-cased first */
    public boolean lowercase() {
        return lowercase;
    }

    /** @return the token pattern */
    public String tokenPattern() {
        return tokenPattern.pattern();
    }

    /** @return the stop words */
    public Set<String> stopWords() {
        return stopWords;
    }

    /** @return the minimum document frequency: an Integer count or a Double fraction */
    public Number minDf() {
        return minDf;
    }

    /** @return the maximum document frequency: an Integer count or a Double fraction */
    public Number maxDf() {
        return maxDf;
    }

    /** @return the cap on the number of terms, or null for none */
    public Integer maxFeatures() {
        return maxFeatures;
    }

    /**
     * @return a builder holding every setting of this vectorizer except a fixed vocabulary, so a
     *     vectorizer can be refitted as this one was
     */
    public Builder toBuilder() {
        Builder b = builder().lowercase(lowercase).tokenPattern(tokenPattern()).ngramRange(minN, maxN).stopWords(stopWords);
        b.minDf = minDf;
        b.maxDf = maxDf;
        b.maxFeatures = maxFeatures;
        return b;
    }

    /** @return the n-gram range {min, max} */
    public int[] ngramRange() {
        return new int[] {minN, maxN};
    }

    /**
     * The terms of one document, in order: tokens, stop words removed, then n-grams from min to max.
     *
     * @param document the text
     * @return its terms, with repetitions
     */
    public List<String> analyze(String document) {
        List<String> tokens = tokens(lowercase ? document.toLowerCase(Locale.ROOT) : document, true);
        if (minN == 1 && maxN == 1) {
            return tokens;
        }
        List<String> out = new ArrayList<>();
        for (int n = minN; n <= maxN; n++) {
            for (int i = 0; i + n <= tokens.size(); i++) {
                out.add(n == 1 ? tokens.get(i) : String.join(" ", tokens.subList(i, i + n)));
            }
        }
        return out;
    }

    /**
     * The tokens of a document as scikit-learn's {@code build_tokenizer()} finds them: the token
     * pattern's matches, in order, without lowercasing, stop-word removal or n-grams (BERTopic's
     * approximate_distribution slides its windows over these).
     *
     * @param document the text
     * @return its tokens, with repetitions
     */
    public List<String> tokenize(String document) {
        return tokens(document, false);
    }

    private List<String> tokens(String text, boolean dropStopWords) {
        List<String> tokens = new ArrayList<>();
        if (tokenPattern.pattern().equals(DEFAULT_TOKEN_PATTERN)) {
            defaultTokens(text, tokens, dropStopWords);
        } else {
            Matcher m = tokenPattern.matcher(text);
            while (m.find()) {
                String t = m.groupCount() > 0 && m.group(1) != null ? m.group(1) : m.group();
                if (!dropStopWords || !stopWords.contains(t)) {
                    tokens.add(t);
                }
            }
        }
        return tokens;
    }

    /**
     * The default pattern {@code \b\w\w+\b} with Python's meaning of {@code \w}: letters, any
     * numeric character (including superscripts such as "²") and '_', but not combining marks. Java's
     * Unicode {@code \w} differs on exactly those, so the default pattern is matched by hand: it finds
     * the maximal runs of such characters that are at least two long.
     */
    private void defaultTokens(String text, List<String> tokens, boolean dropStopWords) {
        int i = 0;
        int n = text.length();
        while (i < n) {
            int start = i;
            int count = 0;
            while (i < n) {
                int cp = text.codePointAt(i);
                if (!isPythonWordChar(cp)) {
                    break;
                }
                i += Character.charCount(cp);
                count++;
            }
            if (count >= 2) {
                String t = text.substring(start, i);
                if (!dropStopWords || !stopWords.contains(t)) {
                    tokens.add(t);
                }
            }
            if (i == start) {
                i += Character.charCount(text.codePointAt(i));
            }
        }
    }

    private static boolean isPythonWordChar(int cp) {
        if (cp == '_' || Character.isLetter(cp)) {
            return true;
        }
        int type = Character.getType(cp);
        return type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER || type == Character.OTHER_NUMBER;
    }

    /**
     * Learns the vocabulary.
     *
     * @param documents the documents
     * @return the vocabulary, which counts terms in any documents
     * @throws IllegalArgumentException if no term survives (only stop words, or too strict bounds)
     */
    public Vocabulary fit(List<String> documents) {
        Objects.requireNonNull(documents, "documents");
        if (fixedVocabulary != null) {
            return new Vocabulary(this, fixedVocabulary);
        }
        Map<String, int[]> stats = new HashMap<>(); // term -> {document frequency, total frequency}
        for (String doc : documents) {
            Map<String, Integer> counts = new HashMap<>();
            for (String term : analyze(doc)) {
                counts.merge(term, 1, Integer::sum);
            }
            counts.forEach((term, c) -> {
                int[] s = stats.computeIfAbsent(term, t -> new int[2]);
                s[0]++;
                s[1] += c;
            });
        }
        int n = documents.size();
        double maxCount = maxDf instanceof Integer i ? i : maxDf.doubleValue() * n;
        double minCount = minDf instanceof Integer i ? i : minDf.doubleValue() * n;
        if (maxCount < minCount) {
            throw new IllegalArgumentException("max_df corresponds to fewer documents (" + maxCount + ") than min_df (" + minCount + ")");
        }
        TreeMap<String, int[]> kept = new TreeMap<>();
        stats.forEach((term, s) -> {
            if (s[0] <= maxCount && s[0] >= minCount) {
                kept.put(term, s);
            }
        });
        List<String> terms = new ArrayList<>(kept.keySet());
        if (maxFeatures != null && terms.size() > maxFeatures) {
            terms.sort((a, b) -> {
                int c = Integer.compare(kept.get(b)[1], kept.get(a)[1]);
                return c != 0 ? c : a.compareTo(b);
            });
            terms = new ArrayList<>(terms.subList(0, maxFeatures));
            terms.sort(null);
        }
        if (terms.isEmpty()) {
            throw new IllegalArgumentException("empty vocabulary: no term of " + n + " documents survives; the documents "
                    + "may contain only stop words or single characters, or min_df/max_df are too strict");
        }
        return new Vocabulary(this, terms);
    }

    /** Options for {@link CountVectorizer}. Not thread-safe; build once. */
    public static final class Builder {
        private boolean lowercase = true;
        private String tokenPattern = DEFAULT_TOKEN_PATTERN;
        private int minN = 1;
        private int maxN = 1;
        private Set<String> stopWords = Set.of();
        private Number minDf = 1;
        private Number maxDf = 1.0;
        private Integer maxFeatures;
        private Collection<String> vocabulary;

        private Builder() {
        }

        /** @param lower whether to lower-case first (default true) @return this */
        public Builder lowercase(boolean lower) {
            this.lowercase = lower;
            return this;
        }

        /** @param regex what a token is; a capturing group, if any, is the token (default {@code \b\w\w+\b}) @return this */
        public Builder tokenPattern(String regex) {
            this.tokenPattern = Objects.requireNonNull(regex);
            return this;
        }

        /** @param min shortest n-gram, &ge; 1 @param max longest n-gram, &ge; min @return this */
        public Builder ngramRange(int min, int max) {
            if (min < 1 || max < min) {
                throw new IllegalArgumentException("ngram range must satisfy 1 <= min <= max, got (" + min + ", " + max + ")");
            }
            this.minN = min;
            this.maxN = max;
            return this;
        }

        /** @param words words to drop, e.g. {@link StopWords#english()} (default none) @return this */
        public Builder stopWords(Set<String> words) {
            this.stopWords = Objects.requireNonNull(words);
            return this;
        }

        /** @param count keep terms in at least this many documents (default 1) @return this */
        public Builder minDf(int count) {
            this.minDf = checkCount("min_df", count);
            return this;
        }

        /** @param fraction keep terms in at least this fraction of documents, in [0, 1] @return this */
        public Builder minDf(double fraction) {
            this.minDf = checkFraction("min_df", fraction);
            return this;
        }

        /** @param count keep terms in at most this many documents @return this */
        public Builder maxDf(int count) {
            this.maxDf = checkCount("max_df", count);
            return this;
        }

        /** @param fraction keep terms in at most this fraction of documents, in [0, 1] (default 1.0) @return this */
        public Builder maxDf(double fraction) {
            this.maxDf = checkFraction("max_df", fraction);
            return this;
        }

        /** @param count keep only the most frequent terms, &ge; 1 @return this */
        public Builder maxFeatures(int count) {
            if (count < 1) {
                throw new IllegalArgumentException("max_features must be at least 1, got " + count);
            }
            this.maxFeatures = count;
            return this;
        }

        /** @param terms a fixed vocabulary, used as given (sorted order is not required) @return this */
        public Builder vocabulary(Collection<String> terms) {
            if (terms.isEmpty()) {
                throw new IllegalArgumentException("a fixed vocabulary must not be empty");
            }
            if (Set.copyOf(terms).size() != terms.size()) {
                throw new IllegalArgumentException("the fixed vocabulary has duplicate terms");
            }
            this.vocabulary = List.copyOf(terms);
            return this;
        }

        /** @return the vectorizer */
        public CountVectorizer build() {
            return new CountVectorizer(this);
        }

        private static Integer checkCount(String name, int count) {
            if (count < 0) {
                throw new IllegalArgumentException(name + " must be >= 0, got " + count);
            }
            return count;
        }

        private static Double checkFraction(String name, double f) {
            if (!(f >= 0 && f <= 1)) {
                throw new IllegalArgumentException(name + " as a fraction must be in [0, 1], got " + f);
            }
            return f;
        }
    }
}
