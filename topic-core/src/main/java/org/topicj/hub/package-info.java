/** Where model hubs keep models on local disk, read without any network access. */
package org.topicj.hub;
