-- dialect: sqlite
CREATE TABLE products (id INTEGER PRIMARY KEY, tags TEXT, name TEXT);
-- expect: warning multi-valued-column main.products.tags
INSERT INTO products VALUES
  (1, 'red,blue', 'Mug, large'), (2, 'green,red,blue', 'Pen'), (3, 'blue', 'Cup'),
  (4, 'red,green', 'Bowl'), (5, 'yellow,blue', 'Plate'), (6, 'red,black', 'Spoon');
