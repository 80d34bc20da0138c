package org.topicj.topics;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * BERTopic's text clean-up before counting words for c-TF-IDF: newlines and tabs become spaces;
 * for English, every character other than ASCII letters, digits and spaces is removed (so
 * "http://www.haskell.org" counts as "httpwwwhaskellorg", as in BERTopic); an empty document
 * becomes "emptydoc".
 */
final class Preprocessing {
    private static final Pattern NON_ALPHANUMERIC = Pattern.compile("[^A-Za-z0-9 ]+");

    private Preprocessing() {
    }

    static String clean(String doc, boolean english) {
        String s = doc.replace('\n', ' ').replace('\t', ' ');
        if (english) {
            s = NON_ALPHANUMERIC.matcher(s).replaceAll("");
        }
        return s.isEmpty() ? "emptydoc" : s;
    }

    static List<String> clean(List<String> docs, boolean english) {
        List<String> out = new ArrayList<>(docs.size());
        for (String d : docs) {
            out.add(clean(d, english));
        }
        return out;
    }
}
