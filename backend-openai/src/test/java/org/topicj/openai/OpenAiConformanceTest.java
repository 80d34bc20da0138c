package org.topicj.openai;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.topicj.embed.Embedder;
import org.topicj.spi.EmbedderSpec;
import org.topicj.testing.EmbedderConformanceTest;
import org.topicj.testing.StubHttpServer;

/** The shared embedder contract, through the OpenAI client and a stub whose vectors depend on the text only. */
class OpenAiConformanceTest extends EmbedderConformanceTest {
    private static StubHttpServer server;

    @BeforeAll
    static void start() throws IOException {
        server = new StubHttpServer(r -> {
            JsonNode input = r.body().get("input");
            StringBuilder sb = new StringBuilder("{\"object\":\"list\",\"data\":[");
            for (int i = 0; i < input.size(); i++) {
                String t = input.get(i).asText();
                sb.append(i == 0 ? "" : ",").append("{\"object\":\"embedding\",\"index\":").append(i).append(",\"embedding\":[")
                        .append(t.length()).append(",").append((int) t.charAt(0)).append(",").append(t.hashCode() % 97).append("]}");
            }
            return StubHttpServer.Reply.ok(sb + "],\"model\":\"m\",\"usage\":{\"prompt_tokens\":1,\"total_tokens\":1}}");
        });
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Override
    protected Embedder createEmbedder() {
        return new OpenAiEmbedderProvider(n -> "sk-conformance").open(new EmbedderSpec("openai:m", "m",
                Map.of("base_url", server.url() + "/v1", "dimension", "3", "batch_size", "4")));
    }
}
