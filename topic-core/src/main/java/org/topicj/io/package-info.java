/** File helpers shared by the library and the command line: {@link org.topicj.io.AtomicFiles}. */
package org.topicj.io;
