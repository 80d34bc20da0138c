/** Progress reporting for long-running work: {@link org.topicj.progress.ProgressListener}. */
package org.topicj.progress;
