UPDATE `Property` SET `Value` = '年报' WHERE `Property` = 'ProductName'
UPDATE `Shortcut` SET `Name` = 'NIANBAO|年报'
UPDATE `Registry` SET `Value` = '年报数据文件' WHERE `Value` = 'nianbao exchange file'
UPDATE `Registry` SET `Value` = '年报' WHERE `Name` = 'FriendlyAppName'
UPDATE `LaunchCondition` SET `Description` = '已安装了更新版本的年报，无需安装这个旧版本。' WHERE `Condition` = 'NOT WIX_DOWNGRADE_DETECTED'
DELETE FROM `Upgrade` WHERE `ActionProperty` = 'WIX_UPGRADE_DETECTED'
INSERT INTO `Upgrade` (`UpgradeCode`, `VersionMin`, `Attributes`, `ActionProperty`) VALUES ('{7FF446C1-F767-4434-AC90-1DE5AB8D79C3}', '0.0.0', 257, 'WIX_UPGRADE_DETECTED')
