/**
 * The service-provider interface for embedding backends: implement
 * {@link org.topicj.spi.EmbedderProvider} and list it in
 * {@code META-INF/services/org.topicj.spi.EmbedderProvider}. Application code uses
 * {@link org.topicj.registry.Embedders} instead.
 *
 * <p>If you repackage TopicJ and its backends into one jar, merge the services files
 * (maven-shade-plugin's {@code ServicesResourceTransformer}), or the backends will not be found.
 */
package org.topicj.spi;
