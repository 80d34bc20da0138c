/** The service-provider interface for third-party pipeline steps: {@link org.topicj.sklearn.spi.StepProvider}. */
package org.topicj.sklearn.spi;
