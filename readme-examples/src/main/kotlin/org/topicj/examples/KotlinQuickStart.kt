package org.topicj.examples

import org.topicj.topics.TopicModeler

/** The README's Kotlin example: the same API, `use` closes the model. */
fun main() {
    val docs = ExampleDocuments.tickets()
    // snippet:start kotlin
    TopicModeler.builder().minTopicSize(10).seed(42).build().fit(docs).use { model ->
        model.topics().forEach { println("${it.name()} ${it.count()}") }
        println(model.transform(listOf("the printer is out of toner")))
    }
    // snippet:end kotlin
}
