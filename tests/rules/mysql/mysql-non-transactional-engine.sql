-- dialect: mysql
CREATE TABLE `hits` (`id` int unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY, `path` varchar(200)) ENGINE=MyISAM;
-- expect: warning mysql-non-transactional-engine main.hits
CREATE TABLE `cache` (`k` varchar(64) NOT NULL PRIMARY KEY, `v` varchar(255)) ENGINE=MEMORY;
-- expect: warning mysql-non-transactional-engine main.cache
CREATE TABLE `orders` (`id` int unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY) ENGINE=InnoDB;
CREATE TABLE `defaulted` (`id` int unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY);
