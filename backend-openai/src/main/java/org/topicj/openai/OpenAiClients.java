package org.topicj.openai;

import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.errors.OpenAIIoException;
import com.openai.errors.OpenAIServiceException;
import java.time.Duration;
import java.util.List;
import org.topicj.embed.BackendInitializationException;
import org.topicj.embed.RemoteCallException;

/**
 * What the embedding provider and the chat labeller share about openai-java: one way to build the
 * HTTP client (the key or a placeholder for a keyless local server, no SDK retries: TopicJ's
 * {@link org.topicj.spi.support.remote.Retries} retry across the whole run) and one mapping of the
 * SDK's failures to {@link RemoteCallException} (status, Retry-After).
 */
final class OpenAiClients {
    private OpenAiClients() {
    }

    /**
     * @param apiKey the key, or null/blank for a server that needs none
     * @param baseUrl an OpenAI-compatible server, or null for api.openai.com
     * @param timeout per request
     * @param noKey the message when there is neither a key nor a server
     * @return a client builder, ready for further settings
     * @throws BackendInitializationException without a key or a server
     */
    static OpenAIOkHttpClient.Builder builder(String apiKey, String baseUrl, Duration timeout, String noKey) {
        boolean keyless = apiKey == null || apiKey.isBlank();
        if (keyless && baseUrl == null) {
            throw new BackendInitializationException(noKey);
        }
        OpenAIOkHttpClient.Builder b = OpenAIOkHttpClient.builder().apiKey(keyless ? "none" : apiKey).maxRetries(0).timeout(timeout);
        if (baseUrl != null) {
            b.baseUrl(baseUrl);
        }
        return b;
    }

    /** @param what the call, for the message ("openai", "openai chat") @param e the SDK's HTTP failure @return it, retryable by status */
    static RemoteCallException failure(String what, OpenAIServiceException e) {
        List<String> retry = e.headers().values("retry-after");
        return new RemoteCallException(what + " HTTP " + e.statusCode() + ": " + e.getMessage(), e.statusCode(),
                RemoteCallException.parseRetryAfter(retry.isEmpty() ? null : retry.get(0)), e);
    }

    /** @param what the call, for the message @param e the SDK's transport failure @return it, retryable */
    static RemoteCallException failure(String what, OpenAIIoException e) {
        return new RemoteCallException(what + " request failed: " + e.getMessage(), -1, null, e);
    }
}
