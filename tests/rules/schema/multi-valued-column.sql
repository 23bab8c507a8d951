-- dialect: sqlite
-- needs: data
CREATE TABLE products (id INTEGER PRIMARY KEY, tags TEXT, name TEXT);
-- expect: warning multi-valued-column main.products.tags
INSERT INTO products VALUES
  (1, 'red,blue', 'Mug, large'), (2, 'green,red,blue', 'Pen'), (3, 'blue', 'Cup'),
  (4, 'red,green', 'Bowl'), (5, 'yellow,blue', 'Plate'), (6, 'red,black', 'Spoon');

-- Postal addresses and prose have commas but are no lists: their parts do
-- not recur from row to row, or the column's name says what it holds.
CREATE TABLE customers (id INTEGER PRIMARY KEY, shipping_address TEXT, ship_to TEXT, feedback TEXT);
INSERT INTO customers VALUES
  (1, '12 Main St, Springfield, IL 62704', '12 Main St, Springfield, IL 62704', 'Great, thanks'),
  (2, '4 Elm Rd, Shelbyville, IL 62565', '4 Elm Rd, Shelbyville, IL 62565', 'Slow, but fine'),
  (3, '77 Oak Ave, Springfield, IL 62701', '9 Pine Ct, Ogdenville, OR 97001', 'Yes, again'),
  (4, '1 Lake Dr, Capital City, IL 62999', '1 Lake Dr, Capital City, WA 98001', 'Well, ok'),
  (5, '8 Hill St, North Haverbrook, IL 62100', '8 Hill St, North Haverbrook, NV 89001', 'No, never'),
  (6, '3 Bay Rd, Brockway, IL 62200', '3 Bay Rd, Brockway, AZ 85001', 'Fine, I guess');
