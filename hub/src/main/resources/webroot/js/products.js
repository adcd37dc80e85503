// The product list admins keep for quotes: add, change price or tax, retire, and import a spreadsheet (CSV).
import { get, post, patch } from './api.js';
import { h, clear } from './dom.js';
import { translator } from './i18n.js';
import { dialog, toast } from './forms.js';
import { money } from './pipeline-i18n.js';

const STRINGS = {
  es: {
    title: 'Productos', add: 'Nuevo producto', import: 'Importar CSV', code: 'Código', name: 'Nombre', price: 'Precio unitario',
    tax: 'IVA %', currency: 'Moneda', active: 'Activo', save: 'Guardar', empty: 'Aún no hay productos', search: 'Buscar producto…',
    imported: 'Importación lista: {created} nuevos, {updated} actualizados', importHelp: 'Columnas: codigo, nombre, precio, iva (opcional), moneda (opcional); separadas por coma o punto y coma.',
    line: 'Línea {line}', retired: 'Retirado', edit: 'Editar', errors: 'El archivo no se importó; corrija estas líneas:',
    err_duplicate_code: 'Ya existe un producto con ese código', err_invalid_field: 'Revise este dato', err_missing_field: 'Este dato es obligatorio',
    err_generic: 'No se pudo guardar', field_code: 'código', field_name: 'nombre', field_unitPrice: 'precio', field_taxRate: 'IVA', field_currency: 'moneda',
    err_csv_missing_column: 'La primera fila debe nombrar las columnas codigo, nombre y precio', err_csv_empty: 'El archivo no tiene productos',
    err_csv_unreadable: 'El archivo no es un CSV legible', err_csv_too_long: 'Máximo 5.000 productos por archivo',
    vat: 'IVA por país: {rates}; sin IVA indicado se usa el de {country}.',
  },
  en: {
    title: 'Products', add: 'New product', import: 'Import CSV', code: 'Code', name: 'Name', price: 'Unit price',
    tax: 'VAT %', currency: 'Currency', active: 'Active', save: 'Save', empty: 'No products yet', search: 'Search products…',
    imported: 'Imported: {created} new, {updated} updated', importHelp: 'Columns: code, name, unitPrice, taxRate (optional), currency (optional); comma or semicolon separated.',
    line: 'Line {line}', retired: 'Retired', edit: 'Edit', errors: 'The file was not imported; fix these lines:',
    err_duplicate_code: 'A product with that code exists', err_invalid_field: 'Check this value', err_missing_field: 'This is required',
    err_generic: 'It could not be saved', field_code: 'code', field_name: 'name', field_unitPrice: 'price', field_taxRate: 'VAT', field_currency: 'currency',
    err_csv_missing_column: 'The first row must name the columns code, name and unitPrice', err_csv_empty: 'The file has no products',
    err_csv_unreadable: 'The file is not a readable CSV', err_csv_too_long: 'At most 5,000 products per file',
    vat: 'VAT by country: {rates}; without one, {country}\'s applies.',
  },
};
const ts = translator(STRINGS);

function localised(err) {
  const key = `err_${err?.code}`;
  const out = new Error(ts(key) === key ? ts('err_generic') : ts(key));
  out.code = err?.code; out.field = err?.field;
  return out;
}

/** Row messages for a refused CSV: "Línea 3: precio" (the API's per-line details, named in the reader's words). */
function rowErrors(err) {
  return (err.details || []).map((d) => `${ts('line', { line: d.line })}: ${ts(`field_${d.field}`)}`);
}

export async function renderProducts(main) {
  const [list, taxes] = await Promise.all([get('/api/v1/products?limit=200&includeInactive=true'), get('/api/v1/tax-rates')]);
  if (!main.isConnected) return;
  const report = h('div', { id: 'products-report', role: 'alert' });
  const file = h('input', { type: 'file', id: 'products-file', accept: '.csv,text/csv', className: 'visually-hidden', onchange: async () => {
    const chosen = file.files[0];
    if (!chosen) return;
    clear(report);
    try {
      const res = await post('/api/v1/products/import', { csv: await chosen.text() });
      toast(ts('imported', res));
      await renderProducts(main);
    } catch (err) {
      report.append(h('p', { className: 'error' }, err.code === 'csv_invalid_rows' ? ts('errors') : localised(err).message),
        h('ul', { className: 'error' }, ...rowErrors(err).map((m) => h('li', {}, m))));
    } finally {
      file.value = '';
    }
  } });
  clear(main).append(
    h('div', { className: 'page-head' }, h('h1', {}, ts('title')),
      h('button', { id: 'product-new', onclick: () => edit(main, null, taxes) }, '+ ', ts('add')),
      h('button', { id: 'products-import', onclick: () => file.click() }, ts('import')), file),
    h('p', { className: 'muted' }, ts('importHelp'), ' ', ts('vat', { rates: Object.entries(taxes.rates).map(([c, r]) => `${c} ${r} %`).join(' · '), country: taxes.country })),
    report,
    list.items.length ? h('table', { className: 'grid products', id: 'products-table' },
      h('thead', {}, h('tr', {}, ...['code', 'name', 'price', 'tax', 'currency', 'active'].map((k) => h('th', {}, ts(k))), h('th', {}))),
      h('tbody', {}, ...list.items.map((p) => h('tr', { 'data-product': p.id, 'data-code': p.code, className: p.active ? '' : 'muted' },
        h('td', {}, p.code), h('td', {}, p.name), h('td', { className: 'num' }, money(p.unitPrice, p.currency)),
        h('td', { className: 'num' }, `${p.taxRate} %`), h('td', {}, p.currency),
        h('td', {}, h('input', { type: 'checkbox', checked: p.active, 'aria-label': ts('active'), onchange: async (e) => {
          try { await patch(`/api/v1/products/${p.id}`, { active: e.target.checked }); } catch (err) { toast(localised(err).message); e.target.checked = !e.target.checked; }
        } })),
        h('td', {}, h('button', { className: 'link', onclick: () => edit(main, p, taxes) }, ts('edit')))))))
      : h('p', { className: 'empty' }, ts('empty')));
}

function edit(main, product, taxes) {
  const fields = [
    product ? null : { name: 'code', label: ts('code'), required: true },
    { name: 'name', label: ts('name'), required: true, value: product?.name },
    { name: 'unitPrice', label: ts('price'), type: 'number', step: 'any', required: true, value: product?.unitPrice },
    { name: 'taxRate', label: ts('tax'), type: 'number', step: 'any', value: product?.taxRate ?? taxes.default },
    { name: 'currency', label: ts('currency'), options: ['CLP', 'COP', 'BOB', 'USD'].map((c) => [c, c]), value: product?.currency ?? 'CLP' },
  ].filter(Boolean);
  dialog({ id: 'product-dialog', title: product ? product.name : ts('add'), submitLabel: ts('save'), fields,
    onSubmit: async (v) => {
      const body = { name: v.name, unitPrice: v.unitPrice, taxRate: v.taxRate === null ? undefined : Number(v.taxRate), currency: v.currency };
      try {
        if (product) await patch(`/api/v1/products/${product.id}`, body);
        else await post('/api/v1/products', { ...body, code: v.code });
      } catch (err) {
        throw localised(err);
      }
      await renderProducts(main);
    } });
}
