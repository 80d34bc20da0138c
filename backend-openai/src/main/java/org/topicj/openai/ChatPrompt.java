package org.topicj.openai;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * The prompt that asks a chat model for a topic's label: BERTopic's {@code DEFAULT_CHAT_PROMPT}
 * (0.17.4, character for character) or the caller's own, with {@code [DOCUMENTS]} replaced by the
 * topic's representative documents (each as {@code "- doc\n"}) and {@code [KEYWORDS]} by its
 * keywords joined with {@code ", "}, every occurrence, as BERTopic does.
 *
 * <p>Thread-safety: immutable.
 */
public final class ChatPrompt {
    /** BERTopic's {@code DEFAULT_SYSTEM_PROMPT}. */
    public static final String DEFAULT_SYSTEM_PROMPT = "You are an assistant that extracts high-level topics from texts.";

    private static final ChatPrompt DEFAULT = new ChatPrompt(resource());

    private final String template;

    private ChatPrompt(String template) {
        this.template = template;
    }

    /** @return BERTopic's default chat prompt (two worked examples, then the topic; answer "topic: &lt;label&gt;") */
    public static ChatPrompt bertopicDefault() {
        return DEFAULT;
    }

    /**
     * @param template a prompt with {@code [DOCUMENTS]} and/or {@code [KEYWORDS]} where those go
     * @return the prompt
     */
    public static ChatPrompt of(String template) {
        if (Objects.requireNonNull(template, "template").isBlank()) {
            throw new IllegalArgumentException("the prompt is empty; give a text with [KEYWORDS] and/or [DOCUMENTS]");
        }
        return new ChatPrompt(template);
    }

    /** @return the template */
    public String template() {
        return template;
    }

    /**
     * @param documents the topic's representative documents
     * @param keywords its keywords, best first
     * @return the prompt for that topic
     */
    public String fill(List<String> documents, List<String> keywords) {
        StringBuilder docs = new StringBuilder();
        documents.forEach(d -> docs.append("- ").append(d).append('\n'));
        return template.replace("[DOCUMENTS]", docs).replace("[KEYWORDS]", String.join(", ", keywords));
    }

    private static String resource() {
        try (InputStream in = ChatPrompt.class.getResourceAsStream("bertopic-chat-prompt.txt")) {
            if (in == null) {
                throw new IllegalStateException("bertopic-chat-prompt.txt is missing from backend-openai's jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
