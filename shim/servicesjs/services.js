// context.services for dxhost (spec 02 §2.1, 10 §11): the service classes extensions construct.
// Written for dxhost; evaluated as a function of `native`, the Go bridge (servicesjs.go), and
// returning the namespace object. Methods hand their work to native.run, which runs it on a Go
// goroutine and returns a Promise, so the loop never waits on SQL.
(function (native) {
	'use strict';

	function notSupported(name) {
		return new Error(name + ' is not supported by dxhost yet');
	}

	// A class whose Go side does not exist yet: constructing it throws, naming the class.
	function unsupportedClass(name) {
		var C = {
			[name]: class {
				constructor() {
					throw notSupported(name);
				}
			},
		}[name];
		return C;
	}

	// A method a system service adds over ItemsService that dxhost lacks: rejects, naming it.
	function unsupportedMethods(C, className, names) {
		names.forEach(function (m) {
			Object.defineProperty(C.prototype, m, {
				value: {
					[m]: async function () {
						throw notSupported(className + '.' + m);
					},
				}[m],
				writable: true,
				configurable: true,
			});
		});
	}

	class ItemsService {
		collection;
		knex;
		accountability;
		eventScope;
		schema;
		cache;
		nested;
		constructor(collection, options) {
			this.collection = collection;
			this.knex = options.knex || native.database();
			this.accountability = options.accountability || null;
			this.eventScope = native.isSystemCollection(this.collection) ? this.collection.substring(9) : 'items';
			this.schema = options.schema;
			this.cache = undefined; // dxhost has no response cache
			this.nested = options.nested ?? [];
			return this;
		}
		fork(options) {
			const Service = this.constructor;
			const isItemsService = Service.length === 2;
			const newOptions = {
				knex: this.knex,
				accountability: this.accountability,
				schema: this.schema,
				nested: this.nested,
				...options,
			};
			if (isItemsService) return new ItemsService(this.collection, newOptions);
			return new Service(newOptions);
		}
		async createOne(data, opts) { return native.run(this, 'createOne', data, opts); }
		async createMany(data, opts) { return native.run(this, 'createMany', data, opts); }
		async readByQuery(query, opts) { return native.run(this, 'readByQuery', query, opts); }
		async readOne(key, query = {}, opts) { return native.run(this, 'readOne', key, query, opts); }
		async readMany(keys, query = {}, opts) { return native.run(this, 'readMany', keys, query, opts); }
		async readSingleton(query, opts) { return native.run(this, 'readSingleton', query, opts); }
		async getKeysByQuery(query) { return native.run(this, 'getKeysByQuery', query); }
		async updateOne(key, data, opts) { return native.run(this, 'updateOne', key, data, opts); }
		async updateMany(keys, data, opts) { return native.run(this, 'updateMany', keys, data, opts); }
		async updateBatch(data, opts) { return native.run(this, 'updateBatch', data, opts); }
		async updateByQuery(query, data, opts) { return native.run(this, 'updateByQuery', query, data, opts); }
		async upsertOne(payload, opts) { return native.run(this, 'upsertOne', payload, opts); }
		async upsertMany(payloads, opts) { return native.run(this, 'upsertMany', payloads, opts); }
		async upsertSingleton(data, opts) { return native.run(this, 'upsertSingleton', data, opts); }
		async deleteOne(key, opts) { return native.run(this, 'deleteOne', key, opts); }
		async deleteMany(keys, opts) { return native.run(this, 'deleteMany', keys, opts); }
		async deleteByQuery(query, opts) { return native.run(this, 'deleteByQuery', query, opts); }
	}
	unsupportedMethods(ItemsService, 'ItemsService', ['createMutationTracker', 'assertCollectionActive']);

	// The ItemsService subclasses bound to one system collection (spec 10 §11). Their own extra
	// methods are listed so that calling one says plainly that dxhost lacks it.
	function systemService(name, collection, extra) {
		var C = {
			[name]: class extends ItemsService {
				constructor(options) {
					super(collection, options);
				}
			},
		}[name];
		unsupportedMethods(C, name, extra || []);
		return C;
	}

	class MetaService {
		knex;
		accountability;
		schema;
		constructor(options) {
			this.knex = options.knex || native.database();
			this.accountability = options.accountability || null;
			this.schema = options.schema;
		}
		async getMetaForQuery(collection, query) {
			if (!query || !query.meta) return;
			const values = await Promise.all(query.meta.map((metaVal) => {
				if (metaVal === 'total_count') return this.totalCount(collection);
				if (metaVal === 'filter_count') return this.filterCount(collection, query);
			}));
			return values.reduce((metaObject, value, index) => ({ ...metaObject, [query.meta[index]]: value }), {});
		}
		async totalCount(collection) {
			return this.filterCount(collection, {});
		}
		async filterCount(collection, query) {
			return native.run(this, 'filterCount', collection, query);
		}
	}

	// UtilsService is Directus's, run on the knex it was given (the real knex in this VM), so the
	// SQL is the statements Directus runs. dxhost keeps no response cache and runs no hook
	// extensions, so sort's cache purge and items.sort action have nothing to reach.
	class UtilsService {
		knex;
		accountability;
		schema;
		constructor(options) {
			this.knex = options.knex || native.database();
			this.accountability = options.accountability || null;
			this.schema = options.schema;
		}
		async sort(collection, { item, to }) {
			const meta = await this.knex.select('sort_field').from('directus_collections').where({ collection }).first();
			const sortField = meta?.sort_field;
			if (!sortField) throw new native.errors.InvalidPayloadError({ reason: `Collection "${collection}" doesn't have a sort field` });
			if (this.accountability && this.accountability.admin !== true) {
				throw notSupported('UtilsService.sort for a non-admin accountability');
			}
			const primaryKeyField = this.schema.collections[collection].primary;
			const countResponse = await this.knex.count('* as count').from(collection).whereNull(sortField).first();
			if (countResponse?.count && +countResponse.count !== 0) {
				const lastSortValueResponse = await this.knex.max(sortField).from(collection).first();
				const rowsWithoutSortValue = await this.knex.select(primaryKeyField, sortField).from(collection).whereNull(sortField);
				let lastSortValue = lastSortValueResponse ? Object.values(lastSortValueResponse)[0] : 0;
				for (const row of rowsWithoutSortValue) {
					lastSortValue++;
					await this.knex(collection).update({ [sortField]: lastSortValue }).where({ [primaryKeyField]: row[primaryKeyField] });
				}
			}
			const duplicates = await this.knex.select(sortField).count(sortField, { as: 'count' }).groupBy(sortField).from(collection).havingRaw('count(??) > 1', [sortField]);
			if (duplicates?.length > 0) {
				const ids = await this.knex.select(primaryKeyField).from(collection).orderBy(sortField);
				for (let i = 0; i < ids.length; i++) await this.knex(collection).update({ [sortField]: i + 1 }).where(ids[i]);
			}
			const targetSortValue = (await this.knex.select(sortField).from(collection).where({ [primaryKeyField]: to }).first())[sortField];
			const sourceSortValue = (await this.knex.select(sortField).from(collection).where({ [primaryKeyField]: item }).first())[sortField];
			await this.knex(collection).update({ [sortField]: targetSortValue }).where({ [primaryKeyField]: item });
			if (sourceSortValue < targetSortValue) {
				await this.knex(collection).decrement(sortField, 1).where(sortField, '>', sourceSortValue).andWhere(sortField, '<=', targetSortValue).andWhereNot({ [primaryKeyField]: item });
			} else {
				await this.knex(collection).increment(sortField, 1).where(sortField, '>=', targetSortValue).andWhere(sortField, '<=', sourceSortValue).andWhereNot({ [primaryKeyField]: item });
			}
		}
		async clearCache({ system }) {
			if (this.accountability?.admin !== true) throw new native.errors.ForbiddenError();
			if (system) native.clearSystemCache();
			return undefined; // no response cache (Directus: cache?.clear() with CACHE_ENABLED=false)
		}
	}

	// ServerService: serverInfo and health answer what GET /server/info and /server/health do for the
	// service's accountability.
	class ServerService {
		knex;
		accountability;
		schema;
		constructor(options) {
			this.knex = options.knex || native.database();
			this.accountability = options.accountability || null;
			this.schema = options.schema;
		}
		async serverInfo() {
			return native.serverInfo(this);
		}
		async health() {
			return native.serverHealth(this);
		}
	}

	class ExtensionReadError extends Error {
		originalError;
		constructor(originalError) {
			super();
			this.originalError = originalError;
		}
	}

	// getHeadingsForCsvExport: the CSV column names of a field-node tree (ExportService's helper).
	function getHeadingsForCsvExport(nodes, prefix = '') {
		let fieldNames = [];
		if (!nodes) return fieldNames;
		nodes.forEach((node) => {
			const key = prefix ? prefix + '.' + node.fieldKey : node.fieldKey;
			switch (node.type) {
				case 'field':
				case 'functionField':
				case 'o2m':
				case 'a2o':
					fieldNames.push(key);
					break;
				case 'm2o':
					fieldNames = fieldNames.concat(getHeadingsForCsvExport(node.children, key));
			}
		});
		return fieldNames;
	}

	// The schema services (CollectionsService, FieldsService, RelationsService) over services/schemasvc.
	function schemaService(name, methods, unsupported) {
		var C = {
			[name]: class {
				knex;
				accountability;
				schema;
				constructor(options) {
					this.knex = options.knex || native.database();
					this.accountability = options.accountability || null;
					this.schema = options.schema;
				}
			},
		}[name];
		methods.forEach(function (m) {
			Object.defineProperty(C.prototype, m, {
				value: { [m]: async function (...args) { return native.schemaRun(this, name, m, ...args); } }[m],
				writable: true,
				configurable: true,
			});
		});
		unsupportedMethods(C, name, unsupported || []);
		return C;
	}
	var schemaServices = {
		CollectionsService: schemaService('CollectionsService', ['createOne', 'readByQuery', 'readOne', 'readMany',
			'updateOne', 'updateBatch', 'updateMany', 'deleteOne', 'deleteMany'], ['createMany']),
		FieldsService: schemaService('FieldsService', ['columnInfo', 'readAll', 'readOne', 'createField', 'updateField',
			'updateFields', 'deleteField']),
		RelationsService: schemaService('RelationsService', ['readAll', 'readOne', 'createOne', 'updateOne', 'deleteOne',
			'foreignKeys']),
	};

	var classes = {
		AccessService: systemService('AccessService', 'directus_access'),
		ActivityService: systemService('ActivityService', 'directus_activity'),
		AssetsService: unsupportedClass('AssetsService'),
		AuthenticationService: unsupportedClass('AuthenticationService'),
		CollectionsService: schemaServices.CollectionsService || unsupportedClass('CollectionsService'),
		CommentsService: systemService('CommentsService', 'directus_comments'),
		DashboardsService: systemService('DashboardsService', 'directus_dashboards'),
		DeploymentProjectsService: systemService('DeploymentProjectsService', 'directus_deployment_projects', ['updateSelection']),
		DeploymentRunsService: systemService('DeploymentRunsService', 'directus_deployment_runs'),
		DeploymentService: systemService('DeploymentService', 'directus_deployments', ['readByProvider', 'updateByProvider', 'deleteByProvider', 'listProviderProjects', 'getProviderProject']),
		ExportService: unsupportedClass('ExportService'),
		ExtensionReadError: ExtensionReadError,
		ExtensionsService: unsupportedClass('ExtensionsService'),
		FieldsService: schemaServices.FieldsService || unsupportedClass('FieldsService'),
		FilesService: systemService('FilesService', 'directus_files', ['uploadOne', 'importOne']),
		FlowsService: systemService('FlowsService', 'directus_flows'),
		FoldersService: systemService('FoldersService', 'directus_folders', ['buildTree']),
		GraphQLService: unsupportedClass('GraphQLService'),
		ImportService: unsupportedClass('ImportService'),
		ItemsService: ItemsService,
		MailService: unsupportedClass('MailService'),
		MetaService: MetaService,
		NotificationsService: systemService('NotificationsService', 'directus_notifications', ['sendEmail']),
		OperationsService: systemService('OperationsService', 'directus_operations'),
		PanelsService: systemService('PanelsService', 'directus_panels'),
		PayloadService: unsupportedClass('PayloadService'),
		PermissionsService: systemService('PermissionsService', 'directus_permissions', ['getItemPermissions']),
		PoliciesService: systemService('PoliciesService', 'directus_policies'),
		PresetsService: systemService('PresetsService', 'directus_presets'),
		RelationsService: schemaServices.RelationsService || unsupportedClass('RelationsService'),
		RevisionsService: systemService('RevisionsService', 'directus_revisions', ['revert']),
		RolesService: systemService('RolesService', 'directus_roles'),
		SchemaService: unsupportedClass('SchemaService'),
		ServerService: ServerService,
		SettingsService: systemService('SettingsService', 'directus_settings'),
		SharesService: systemService('SharesService', 'directus_shares', ['login', 'invite']),
		SpecificationService: unsupportedClass('SpecificationService'),
		TFAService: unsupportedClass('TFAService'),
		TranslationsService: systemService('TranslationsService', 'directus_translations'),
		UsersService: systemService('UsersService', 'directus_users', ['inviteUser', 'acceptInvite', 'registerUser',
			'verifyRegistration', 'requestPasswordReset', 'resetPassword', 'getUserByEmail']),
		UtilsService: UtilsService,
		VersionsService: systemService('VersionsService', 'directus_versions', ['save', 'promote', 'getMainItem', 'verifyHash', 'getVersionSaves']),
		WebSocketService: unsupportedClass('WebSocketService'),
	};

	// A namespace-like object: getters, in Directus's Object.keys order (classes alphabetically,
	// then the two helpers).
	var ns = {};
	Object.keys(classes).forEach(function (name) {
		var C = classes[name];
		Object.defineProperty(ns, name, { get: function () { return C; }, enumerable: true });
	});
	Object.defineProperty(ns, 'getHeadingsForCsvExport', { get: function () { return getHeadingsForCsvExport; }, enumerable: true });
	// The zod schema Directus exports: dxhost has no zod inside; its parse methods say so.
	var systemFieldUpdateSchema = {};
	['parse', 'safeParse', 'parseAsync', 'safeParseAsync'].forEach(function (m) {
		systemFieldUpdateSchema[m] = function () { throw notSupported('systemFieldUpdateSchema.' + m); };
	});
	Object.defineProperty(ns, 'systemFieldUpdateSchema', { get: function () { return systemFieldUpdateSchema; }, enumerable: true });
	Object.defineProperty(ns, Symbol.toStringTag, { value: 'Module' });
	return ns;
});
