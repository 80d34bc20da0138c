package org.topicj.spark;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructType;
import org.topicj.matrix.DenseMatrix;

/** Reading texts and embeddings from rows, and appending columns, with errors that name the column. */
final class Columns {
    private Columns() {
    }

    /** @return the index of a string column, or an error listing the columns there are */
    static int textIndex(StructType schema, String column) {
        int i = index(schema, column);
        if (!schema.fields()[i].dataType().equals(DataTypes.StringType)) {
            throw new IllegalArgumentException("column '" + column + "' is " + schema.fields()[i].dataType().simpleString()
                    + ", not a string; give the text column with textColumn(...)");
        }
        return i;
    }

    /** @return the index of an array-of-numbers column */
    static int embeddingIndex(StructType schema, String column) {
        int i = index(schema, column);
        if (!(schema.fields()[i].dataType() instanceof ArrayType a) || !(a.elementType() instanceof NumericType)) {
            throw new IllegalArgumentException("column '" + column + "' is " + schema.fields()[i].dataType().simpleString()
                    + ", not an array of numbers; embeddings are array<float> or array<double>");
        }
        return i;
    }

    static void requireAbsent(StructType schema, String column) {
        if (List.of(schema.fieldNames()).contains(column)) {
            throw new IllegalArgumentException("the DataFrame already has a column '" + column
                    + "'; drop it or choose another output column name");
        }
    }

    private static int index(StructType schema, String column) {
        List<String> names = List.of(schema.fieldNames());
        if (!names.contains(column)) {
            throw new IllegalArgumentException("no column '" + column + "' in the DataFrame; its columns: " + names);
        }
        return names.indexOf(column);
    }

    static List<String> texts(List<Row> rows, int index, String column) {
        List<String> texts = new ArrayList<>(rows.size());
        for (Row r : rows) {
            if (r.isNullAt(index)) {
                throw new IllegalArgumentException("column '" + column + "' is null in a row; fill or filter nulls first "
                        + "(df.na().fill(\"\", new String[] {\"" + column + "\"}) or df.filter(col(\"" + column + "\").isNotNull()))");
            }
            texts.add(r.getString(index));
        }
        return texts;
    }

    static DenseMatrix embeddings(List<Row> rows, int index, String column) {
        float[][] out = new float[rows.size()][];
        for (int r = 0; r < out.length; r++) {
            Row row = rows.get(r);
            if (row.isNullAt(index)) {
                throw new IllegalArgumentException("column '" + column + "' is null in a row; every row needs its embedding");
            }
            List<Object> values = row.getList(index);
            float[] v = new float[values.size()];
            for (int j = 0; j < v.length; j++) {
                v[j] = ((Number) values.get(j)).floatValue();
            }
            if (r > 0 && v.length != out[0].length) {
                throw new IllegalArgumentException("column '" + column + "' holds embeddings of " + out[0].length + " and "
                        + v.length + " values; every row needs the same dimension");
            }
            out[r] = v;
        }
        return DenseMatrix.of(out);
    }

    /** @return the row with values appended */
    static Row append(Row row, Object... values) {
        Object[] v = new Object[row.size() + values.length];
        for (int i = 0; i < row.size(); i++) {
            v[i] = row.get(i);
        }
        System.arraycopy(values, 0, v, row.size(), values.length);
        return RowFactory.create(v);
    }
}
