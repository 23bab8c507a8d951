-- dialect: mysql
-- Zero dates get in only when the session allows them, as in old dumps.
SET SESSION sql_mode = '';
CREATE TABLE `shipments` (
  `id` int unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY,
  `shipped_at` datetime NOT NULL DEFAULT '0000-00-00 00:00:00',
  `due` date NOT NULL DEFAULT '0000-00-00',
  `created_at` datetime NOT NULL DEFAULT CURRENT_TIMESTAMP,
  `note` varchar(20) NOT NULL DEFAULT ''
) ENGINE=InnoDB;
-- expect: warning mysql-implicit-defaults main.shipments.shipped_at
-- expect: warning mysql-implicit-defaults main.shipments.due
