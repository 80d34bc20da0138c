package org.topicj.spi.support.remote;

import java.util.List;
import org.topicj.embed.RemoteCallException;

/** Sends one batch to a remote embedding API; what a remote backend implements for {@link RemoteEmbedder}. */
@FunctionalInterface
public interface BatchClient {
    /**
     * @param texts one batch, none empty
     * @return one vector per text, in order
     * @throws RemoteCallException on an HTTP error, timeout or network failure
     */
    float[][] embed(List<String> texts);
}
