/**
 * Reading documents from .txt, .jsonl and .csv files, with file:line errors.
 */
package org.topicj.cli.input;
