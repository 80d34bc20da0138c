package org.topicj.clip;

import java.nio.file.Path;
import org.topicj.TopicJException;

/** An image that could not be opened or decoded; the message names it and says what to do. */
public final class UnreadableImageException extends TopicJException {
    private static final long serialVersionUID = 1L;

    private final int index;
    private final transient Path image;

    UnreadableImageException(int index, Path image, String message) {
        super(message);
        this.index = index;
        this.image = image;
    }

    /** @return the image's position in the list given */
    public int index() {
        return index;
    }

    /** @return the image file */
    public Path image() {
        return image;
    }
}
