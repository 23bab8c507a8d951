-- dialect: mysql
CREATE TABLE `orders` (
  `id` bigint unsigned NOT NULL AUTO_INCREMENT,
  `customer_id` bigint unsigned NOT NULL,
  `status` varchar(20) NOT NULL,
  PRIMARY KEY (`id`),
  KEY `orders_customer_id_id` (`customer_id`, `id`),
  KEY `orders_status` (`status`),
  KEY `orders_id_status` (`id`, `status`)
) ENGINE=InnoDB;
-- expect: warning mysql-redundant-pk-suffix main.orders_customer_id_id
CREATE TABLE `memberships` (
  `group_id` int unsigned NOT NULL,
  `user_id` int unsigned NOT NULL,
  `role` varchar(10) NOT NULL,
  PRIMARY KEY (`group_id`, `user_id`),
  KEY `memberships_role_pk` (`role`, `group_id`, `user_id`),
  KEY `memberships_role_user` (`role`, `user_id`),
  KEY `memberships_kind_group` (`role`, `user_id`, `group_id`)
) ENGINE=InnoDB;
-- expect: warning mysql-redundant-pk-suffix main.memberships_role_pk
-- expect: warning mysql-redundant-pk-suffix main.memberships_kind_group
CREATE TABLE `grants` (
  `group_id` int unsigned NOT NULL,
  `user_id` int unsigned NOT NULL,
  `scope` varchar(10) NOT NULL,
  PRIMARY KEY (`group_id`, `user_id`),
  KEY `grants_scope_group` (`scope`, `group_id`)
) ENGINE=InnoDB;
-- expect: warning mysql-redundant-pk-suffix main.grants_scope_group
CREATE TABLE `myisam_orders` (`id` int unsigned NOT NULL PRIMARY KEY, `customer_id` int NOT NULL, KEY `m_customer_id_id` (`customer_id`, `id`)) ENGINE=MyISAM;
