/** The ${pluginId} plugin: its routes under /api/${pluginId}, its table and its job. */
package ${package};
